#!/usr/bin/env python3
"""A simulated client for the sample report: reads a cue CSV (entrain plan) and writes the taps
of the linear phase-correction model (Vorberg and Wing 1996) with alpha 0.5, timekeeper noise
10 ms, motor noise 5 ms, a -30 ms mean asynchrony and 3 % missed taps. Seeded: same file every run.
Usage: simulate_taps.py cues.csv taps.csv"""
import csv, random, sys

random.seed(2026)
cues = [float(r["time_s"]) for r in csv.DictReader(open(sys.argv[1])) if r["sub"] == "0"]
alpha, sd_t, sd_m, nma = 0.5, 0.010, 0.005, -0.030
a = nma
m_prev = random.gauss(0, sd_m)
with open(sys.argv[2], "w") as out:
    out.write("index,time_s,strength\n")
    n = 0
    for k, c in enumerate(cues):
        if random.random() >= 0.03:
            out.write(f"{n},{c + a:.6f},0.5\n")
            n += 1
        if k + 1 < len(cues):
            ioi = cues[k + 1] - c
            m = random.gauss(0, sd_m)
            # A_{k+1} = (1 - alpha) A_k + T_k + M_{k+1} - M_k - IOI, with T_k around the IOI and a pull to the NMA
            a = (1 - alpha) * (a - nma) + nma + random.gauss(0, sd_t) + m - m_prev
            m_prev = m
