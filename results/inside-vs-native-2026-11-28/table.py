"""The table from pairs.log: per server, the median of the quick rounds and of the outside samples,
each over the samples whose CPU-placement probes all read near (< 200 ns), and their ratio."""
import re, statistics as st, sys
inside, outside = {}, {}
for line in open(sys.argv[1] if len(sys.argv) > 1 else 'pairs.log'):
    w = line.split()
    if not w or w[0] not in ('inside', 'outside'): continue
    if w[0] == 'outside':
        m = re.search(r'echoes_per_sec=([\d.]+) dist=([\d.]+),([\d.]+)', line)
        if m and max(float(m.group(2)), float(m.group(3))) < 200: outside.setdefault(w[1], []).append(float(m.group(1)))
    else:
        for v, d in re.findall(r'echoes_per_sec=([\d.]+)@([\d.]+)', line):
            if float(d) < 200: inside.setdefault(w[1], []).append(float(v))
print('| impl | quick (near rounds) | native client (near samples) | ratio |')
print('|---|---:|---:|---:|')
for impl in sorted(inside, key=lambda i: -st.median(inside[i])):
    i, o = inside[impl], outside.get(impl, [])
    if not o: print(f'| `{impl}` | {st.median(i)/1e3:.0f}k ({len(i)}) | no near sample | |'); continue
    print(f'| `{impl}` | {st.median(i)/1e3:.0f}k ({len(i)}, {min(i)/1e3:.0f}k–{max(i)/1e3:.0f}k) '
          f'| {st.median(o)/1e3:.0f}k ({len(o)}, {min(o)/1e3:.0f}k–{max(o)/1e3:.0f}k) | {st.median(i)/st.median(o):.3f} |')
