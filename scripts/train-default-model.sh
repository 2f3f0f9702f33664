#!/usr/bin/env bash
# Trains the default model that ships with Heard, with Heard's own `heard train`, and writes its model card.
#
#   scripts/train-default-model.sh
#
# 1. cross-validates on fft-v6/train.csv and checks the train-only model on fft-v6/dev.csv;
# 2. trains the shipped model on train + dev (thresholds tuned by cross-validation over both);
# 3. writes Sources/HeardText/Resources/default.heardmodel and default-model-card.md.
# Needs ../shared/data (set SHARED_DATA to override). The data itself is never copied into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED_DATA:-../shared/data}"
WORK="${WORK_DIR:-/tmp/heard-default-model}"
RESOURCES=Sources/HeardText/Resources
mkdir -p "$WORK" "$RESOURCES"

# HEARD=/path/to/heard skips the build (e.g. to use a binary built elsewhere).
if [ -z "${HEARD:-}" ]; then
    swift build --scratch-path .build-text -c release --product heard 2>&1 | tail -1
    HEARD="$(swift build --scratch-path .build-text -c release --product heard --show-bin-path)/heard"
fi

# The choices below were fixed by cross-validation on train only (see docs/text-engine.md).
COLUMNS=(--text-column "FFT answer" --question-column "FFT question"
    --theme-columns "Not assigned:Positive experience & gratitude" --sentiment-column "Comment sentiment")
CHOICES=(${MODEL_CHOICES:---character-n-grams 0 --positive-weight-power 0 --naive-bayes 0.5})
SOURCE="NHS England Patient Experience Qualitative Data Categorisation (pxtextmining), FFT framework v6 labels; MIT licence, (c) 2021 NHS England"

echo "== cross-validation on train, then a check on dev"
"$HEARD" train --input "$SHARED/fft-v6/train.csv" "${COLUMNS[@]}" "${CHOICES[@]}" \
    --output "$WORK/train-only.heardmodel" --name "train only" | tee "$WORK/cv.txt"
"$HEARD" evaluate --input "$SHARED/fft-v6/dev.csv" "${COLUMNS[@]}" --model "$WORK/train-only.heardmodel" \
    | tee "$WORK/dev.txt"

echo "== final model on train + dev"
"$HEARD" train --input "$SHARED/fft-v6/train.csv" --also-train-on "$SHARED/fft-v6/dev.csv" "${COLUMNS[@]}" \
    "${CHOICES[@]}" --output "$RESOURCES/default.heardmodel" \
    --name "Heard default: NHS England patient-experience framework v6" --data-source "$SOURCE" \
    | tee "$WORK/final.txt"

{
    echo "# Model card: Heard default text model"
    echo
    echo "- **File**: \`default.heardmodel\` (format version $(grep -o 'formatVersion = [0-9]*' Sources/HeardText/TextEngine.swift | grep -o '[0-9]*'))"
    echo "- **Trained**: $(date -u +%Y-%m-%d) by \`scripts/train-default-model.sh\` with \`heard train\`"
    echo "- **Taxonomy**: NHS England patient-experience framework v6 themes (multi-label) and sentiment 1-5"
    echo "- **Data**: $SOURCE. Real NHS Friends and Family Test comments labelled by NHS staff; the trusts"
    echo "  agreed to public release. fft-v6 train (5,196) + dev (722) comments. No comment text is stored in the model."
    echo "- **Settings**: ${CHOICES[*]}"
    echo "- **Static word vectors**: $(grep -o '[0-9]* words' "$WORK/final.txt" | head -1) from \`word-vectors.heardvec\`, distilled from the"
    echo "  all-MiniLM-L6-v2 sentence encoder (Apache 2.0) by \`scripts/make-word-vectors.sh\`; the model works only with that file."
    echo
    echo "## Cross-validation on train (4-fold, out-of-fold)"
    echo
    echo "First with per-theme thresholds tuned on the same out-of-fold scores (slightly optimistic), then"
    echo "cross-fitted: each fold scored with thresholds tuned on the other folds only."
    echo
    echo '```'
    sed -n '/Cross-validated/,/^Wrote/p' "$WORK/cv.txt" | grep -v -e '^Wrote' -e '^Not learned'
    echo '```'
    echo
    echo "## Check on dev (model trained on train only; dev never seen)"
    echo
    echo '```'
    cat "$WORK/dev.txt"
    echo '```'
    echo
    echo "## The shipped model's own cross-validation (train + dev, same settings)"
    echo
    echo '```'
    sed -n '/Cross-validated/,/^per label/p' "$WORK/final.txt" | grep -v '^per label'
    sed -n '/Cross-fitted/,/^Not learned/p' "$WORK/final.txt" | grep -v '^Not learned'
    echo '```'
    echo
    echo "## Themes not learned"
    echo
    grep '^Not learned' "$WORK/final.txt" || echo "(none)"
} > "$RESOURCES/default-model-card.md"
ls -la "$RESOURCES"
