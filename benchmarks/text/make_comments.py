"""Write a large benchmark CSV by repeating the shared FFT comments (never copied into the repository).

Usage: make_comments.py SHARED_DATA_DIR OUTPUT.csv ROWS
Columns: id, question, comment. Rows cycle through every comment of fft-v6 train + dev and fft-phase1
train, so the mix of lengths matches real feedback.
"""
import csv
import sys

shared, output, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
pairs = []
for path, text, question in [
    ("fft-v6/train.csv", "FFT answer", "FFT question"),
    ("fft-v6/dev.csv", "FFT answer", "FFT question"),
    ("fft-phase1/train.csv", "feedback", "question"),
]:
    with open(f"{shared}/{path}", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            pairs.append((row[question], row[text]))

with open(output, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle)
    writer.writerow(["id", "question", "comment"])
    for index in range(rows):
        question, comment = pairs[index % len(pairs)]
        writer.writerow([index + 1, question, comment])
print(f"wrote {rows} rows from {len(pairs)} distinct comments to {output}")
