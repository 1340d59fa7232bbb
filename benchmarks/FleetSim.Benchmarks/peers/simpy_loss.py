#!/usr/bin/python3
"""The Erlang-B loss system FleetSim's request engine runs, in SimPy 2.3, for a side-by-side timing.

usage: simpy_loss.py ARRIVALS SLOTS ERLANGS SEED
Poisson arrivals at rate 1/s, exponential service of mean ERLANGS seconds, SLOTS servers and no
waiting room: an arrival that finds every slot busy is lost. Prints the blocking fraction, the
number of arrivals and the seconds the simulation itself took (interpreter start-up excluded).
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, release, request, simulate


class Counter:
    lost = 0


class Customer(Process):
    def visit(self, slots, mean_service):
        if slots.n == 0:  # n: free units; no waiting room
            Counter.lost += 1
            return
        yield request, self, slots
        yield hold, self, random.expovariate(1.0 / mean_service)
        yield release, self, slots


class Source(Process):
    def generate(self, arrivals, slots, mean_service):
        for _ in range(arrivals):
            c = Customer()
            activate(c, c.visit(slots, mean_service))
            yield hold, self, random.expovariate(1.0)


def main():
    arrivals, slots_count, erlangs, seed = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    random.seed(seed)
    started = time.perf_counter()
    initialize()
    slots = Resource(capacity=slots_count)
    source = Source()
    activate(source, source.generate(arrivals, slots, erlangs), at=0.0)
    simulate(until=1e12)
    elapsed = time.perf_counter() - started
    print(f"blocking={Counter.lost / arrivals:.6f} arrivals={arrivals} seconds={elapsed:.3f}")


if __name__ == "__main__":
    main()
