#!/usr/bin/python3
"""The fluid month FleetSim's minute kernel runs, in numpy, for a side-by-side timing.

usage: numpy_fluid.py DEMAND_CSV CAPACITY REPEATS
Reads one column of per-minute demand (tok/s), then times served = min(demand, capacity) and its
sum, the fluid router's month, REPEATS times. Prints the best time of one month in microseconds.
"""
import sys
import time

import numpy as np


def main():
    demand = np.loadtxt(sys.argv[1], dtype=np.float64)
    capacity = float(sys.argv[2])
    repeats = int(sys.argv[3])
    served = np.empty_like(demand)
    best = float("inf")
    total = 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        np.minimum(demand, capacity, out=served)
        total = served.sum()
        best = min(best, time.perf_counter() - started)
    print(f"minutes={demand.size} served_sum={total:.6e} best_us={best * 1e6:.2f}")


if __name__ == "__main__":
    main()
