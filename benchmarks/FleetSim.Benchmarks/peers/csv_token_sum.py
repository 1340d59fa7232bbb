#!/usr/bin/python3
"""Python's csv module summing an Azure-format trace's two token columns: the peer of FleetSim's trace reading.

usage: csv_token_sum.py FILE
Reads TIMESTAMP,ContextTokens,GeneratedTokens rows with csv.reader (columns found by name in the header)
and prints the row count and the two token sums.
"""
import csv
import sys

with open(sys.argv[1], newline="") as f:
    rows = csv.reader(f)
    header = next(rows)
    context, generated = header.index("ContextTokens"), header.index("GeneratedTokens")
    count = input_tokens = output_tokens = 0
    for row in rows:
        input_tokens += int(row[context])
        output_tokens += int(row[generated])
        count += 1
print(count, input_tokens, output_tokens)
