"""The usual analyst's tool, timed in-process on one thread: TF-IDF word 1-2 grams + linear SVM.

Usage: baseline.py SHARED_DATA_DIR BENCH.csv
Trains theme (one-vs-rest, themes with >= 30 examples) and sentiment classifiers on fft-v6/train.csv,
then times vectorise + predict (themes and sentiment) over every comment of BENCH.csv.
Reading the CSV is not timed (the baseline gets the benefit of the doubt).
"""
import csv
import os
import sys
import time

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

shared, bench = sys.argv[1], sys.argv[2]
with open(f"{shared}/fft-v6/train.csv", newline="", encoding="utf-8") as handle:
    reader = csv.DictReader(handle)
    header = reader.fieldnames
    rows = list(reader)
themes = header[header.index("Not assigned"):]
texts = [row["FFT answer"] for row in rows]
labels = np.array([[int(row[t] or 0) for t in themes] for row in rows])
kept = [i for i, t in enumerate(themes) if labels[:, i].sum() >= 30]
labels = labels[:, kept]
sentiment_rows = [i for i, row in enumerate(rows) if row["Comment sentiment"].strip()]

vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
features = vectoriser.fit_transform(texts)
theme_model = OneVsRestClassifier(LinearSVC()).fit(features, labels)
sentiment_model = LinearSVC().fit(
    features[sentiment_rows], [int(rows[i]["Comment sentiment"]) for i in sentiment_rows]
)

with open(bench, newline="", encoding="utf-8") as handle:
    comments = [row["comment"] for row in csv.DictReader(handle)]

started = time.perf_counter()
cpu_started = time.process_time()
batch = 50_000
for start in range(0, len(comments), batch):
    matrix = vectoriser.transform(comments[start : start + batch])
    theme_model.predict(matrix)
    sentiment_model.predict(matrix)
seconds = time.perf_counter() - started
cpu_seconds = time.process_time() - cpu_started
print(f"baseline_rows={len(comments)}")
print(f"baseline_seconds={seconds:.3f}")
print(f"baseline_rate={len(comments) / seconds:.0f}")
print(f"baseline_cpu_seconds={cpu_seconds:.3f}")
print(f"baseline_cpu_rate={len(comments) / cpu_seconds:.0f}")
