import Dispatch
import Foundation

/// What training produced: the model and its cross-validated scores.
public struct TrainingResult: Sendable {
    public var model: TextModel
    /// Out-of-fold scores on the training data (thresholds are tuned on the same out-of-fold scores).
    public var crossValidation: EvaluationReport?
    /// Out-of-fold scores with the decisions (thresholds, offsets) for each fold tuned on the other folds
    /// only: no choice is made on the rows being scored, so this is the less optimistic estimate.
    public var crossFitted: EvaluationReport?

    public init(model: TextModel, crossValidation: EvaluationReport?, crossFitted: EvaluationReport? = nil) {
        self.model = model
        self.crossValidation = crossValidation
        self.crossFitted = crossFitted
    }
}

/// Trains theme (or single-label) and sentiment heads: TF-IDF features, one linear SVM per head,
/// per-theme thresholds tuned on cross-validation.
public struct Trainer: Sendable {
    public var options: TrainingOptions

    public init(options: TrainingOptions = TrainingOptions()) { self.options = options }

    /// The heads to train for a data set.
    struct HeadPlan: Sendable {
        var learnedLabels: [Int]
        var sentimentClasses: [Int]
        var count: Int { learnedLabels.count + sentimentClasses.count }
    }

    /// Weights of every head over one vocabulary.
    struct FittedHeads: Sendable {
        var vocabulary: Vocabulary
        /// Feature-major: `weights[feature * heads + head]`.
        var weights: [Float]
        var bias: [Float]
    }

    func plan(for comments: LabelledComments) -> HeadPlan {
        var counts = [Int](repeating: 0, count: comments.labelNames.count)
        for labels in comments.labels { for label in labels { counts[label] += 1 } }
        let learned = counts.indices.filter { counts[$0] >= options.minimumExamples }
        let classes = Set(comments.sentiments.compactMap { $0 }).sorted()
        return HeadPlan(learnedLabels: learned, sentimentClasses: classes.count >= 2 ? classes : [])
    }

    /// Trains on all of `comments`, after cross-validating (unless `folds` < 2) to tune thresholds.
    /// Check the options first with `TrainingOptions.validate(commentCount:)`.
    public func train(_ comments: LabelledComments) -> TrainingResult {
        let plan = plan(for: comments)
        var features = options.features
        var wordVectors: WordVectors? = nil
        if options.wordVectorWeight > 0, case .success(let vectors) = WordVectors.bundled {
            wordVectors = vectors
            features.wordVectors = WordVectorFeature(
                identity: vectors.identity, dimensions: vectors.dimensions, weight: options.wordVectorWeight)
        } else {
            features.wordVectors = nil
        }
        let corpus = HashedCorpus(comments: comments, settings: features, wordVectors: wordVectors)
        let allRows = Array(0..<comments.count)
        var decisions = Decisions(
            thresholds: [Float](repeating: 0, count: plan.learnedLabels.count), assignBest: false,
            sentimentOffsets: [Float](repeating: 0, count: plan.sentimentClasses.count))
        var report: EvaluationReport? = nil
        var crossFitted: EvaluationReport? = nil
        if options.folds >= 2 && comments.count >= options.folds {
            let (outOfFold, fold) = crossValidatedScores(comments: comments, corpus: corpus, plan: plan)
            decisions = tuneDecisions(comments: comments, plan: plan, scores: outOfFold)
            report = evaluate(comments: comments, plan: plan, scores: outOfFold, decisions: decisions)
            crossFitted = crossFittedReport(comments: comments, plan: plan, scores: outOfFold, fold: fold)
        }
        let fitted = fit(comments: comments, corpus: corpus, rows: allRows, plan: plan)
        var counts = [Int](repeating: 0, count: comments.labelNames.count)
        for labels in comments.labels { for label in labels { counts[label] += 1 } }
        var tooFew: [String: Int] = [:]
        for (label, count) in counts.enumerated() where !plan.learnedLabels.contains(label) {
            tooFew[comments.labelNames[label]] = count
        }
        let card = ModelCard(
            name: options.modelName, createdAt: ISO8601DateFormatter().string(from: Date()),
            dataSource: options.dataSource, trainingRows: comments.count, seed: options.seed, tooFewExamples: tooFew,
            minimumExamples: options.minimumExamples, crossValidation: report, notes: options.notes)
        let metadata = ModelMetadata(
            kind: comments.isSingleLabel ? .singleLabel : .multiLabel, labels: comments.labelNames,
            headLabels: plan.learnedLabels, thresholds: decisions.thresholds,
            assignBestWhenNone: decisions.assignBest, sentimentClasses: plan.sentimentClasses,
            sentimentOffsets: decisions.sentimentOffsets, features: features, textColumn: comments.textColumn,
            questionColumn: comments.questionColumn, card: card)
        // The rows past the vocabulary are the word-vector dimensions: kept apart, head-major, for scoring.
        let sparseCount = fitted.vocabulary.keys.count * plan.count
        var dense = [Float](repeating: 0, count: corpus.dimensions * plan.count)
        for dimension in 0..<corpus.dimensions {
            for head in 0..<plan.count {
                dense[head * corpus.dimensions + dimension] =
                    fitted.weights[sparseCount + dimension * plan.count + head]
            }
        }
        let model = TextModel(
            metadata: metadata, keys: fitted.vocabulary.keys, idf: fitted.vocabulary.idf,
            weights: Array(fitted.weights[0..<sparseCount]), bias: fitted.bias, denseWeights: dense,
            wordVectors: wordVectors)
        return TrainingResult(model: model, crossValidation: report, crossFitted: crossFitted)
    }

    /// Out-of-fold scores (`rows × heads`) from `options.folds`-fold cross-validation.
    /// Also returns each row's fold.
    func crossValidatedScores(
        comments: LabelledComments, corpus: HashedCorpus, plan: HeadPlan
    ) -> (
        scores: [Float], fold: [Int]
    ) {
        var generator = SeededGenerator(seed: options.seed)
        var order = Array(0..<comments.count)
        order.shuffle(using: &generator)
        var fold = [Int](repeating: 0, count: comments.count)
        for (position, row) in order.enumerated() { fold[row] = position % options.folds }
        let heads = plan.count
        var scores = [Float](repeating: 0, count: comments.count * heads)
        for current in 0..<options.folds {
            let trainRows = (0..<comments.count).filter { fold[$0] != current }
            let testRows = (0..<comments.count).filter { fold[$0] == current }
            let fitted = fit(comments: comments, corpus: corpus, rows: trainRows, plan: plan)
            let matrix = fitted.vocabulary.matrix(corpus: corpus, rows: testRows)
            for (local, row) in testRows.enumerated() {
                for head in 0..<heads { scores[row * heads + head] = fitted.bias[head] }
                for entry in matrix.rowOffsets[local]..<matrix.rowOffsets[local + 1] {
                    let base = Int(matrix.columns[entry]) * heads
                    let value = matrix.values[entry]
                    for head in 0..<heads { scores[row * heads + head] += value * fitted.weights[base + head] }
                }
            }
        }
        return (scores, fold)
    }

    /// Scores every fold's out-of-fold rows with decisions tuned on the other folds' out-of-fold rows.
    func crossFittedReport(
        comments: LabelledComments, plan: HeadPlan, scores: [Float], fold: [Int]
    )
        -> EvaluationReport
    {
        let heads = plan.count
        var predicted = [[Int]](repeating: [], count: comments.count)
        var sentiments = [Int](repeating: CommentAnalysis.noCommentSentiment, count: comments.count)
        for current in 0..<options.folds {
            let tuneRows = (0..<comments.count).filter { fold[$0] != current }
            let testRows = (0..<comments.count).filter { fold[$0] == current }
            func slice(_ rows: [Int]) -> [Float] { rows.flatMap { scores[($0 * heads)..<($0 * heads + heads)] } }
            let decisions = tuneDecisions(comments: comments.subset(tuneRows), plan: plan, scores: slice(tuneRows))
            let (labels, classes) = predict(
                comments: comments.subset(testRows), plan: plan, scores: slice(testRows), decisions: decisions)
            for (local, row) in testRows.enumerated() {
                predicted[row] = labels[local]
                sentiments[row] = classes[local]
            }
        }
        return report(comments: comments, plan: plan, predicted: predicted, sentiments: sentiments)
    }

    /// Fits every head on `rows`. Heads are independent, so they train in parallel; each has its own
    /// seeded generator, so the result does not depend on scheduling.
    func fit(comments: LabelledComments, corpus: HashedCorpus, rows: [Int], plan: HeadPlan) -> FittedHeads {
        let vocabulary = Vocabulary(
            corpus: corpus, rows: rows, minimumDocumentFrequency: options.features.minimumDocumentFrequency)
        let matrix = vocabulary.matrix(corpus: corpus, rows: rows)
        let sparseColumns = vocabulary.keys.count
        let columns = sparseColumns + corpus.dimensions
        let heads = plan.count
        let results = HeadResults(count: heads)
        let options = self.options
        DispatchQueue.concurrentPerform(iterations: heads) { head in
            var generator = SeededGenerator(seed: options.seed &+ UInt64(head) &* 7919)
            var localRows: [Int] = []
            var positive: [Bool] = []
            var cost: Float
            if head < plan.learnedLabels.count {
                let label = plan.learnedLabels[head]
                localRows = Array(0..<rows.count)
                positive = rows.map { comments.labels[$0].contains(label) }
                cost = options.labelRegularisation
            } else {
                let value = plan.sentimentClasses[head - plan.learnedLabels.count]
                for (local, row) in rows.enumerated() {
                    guard let sentiment = comments.sentiments[row] else { continue }
                    localRows.append(local)
                    positive.append(sentiment == value)
                }
                cost = options.sentimentRegularisation
            }
            let positives = Float(positive.filter { $0 }.count)
            let negatives = Float(positive.count) - positives
            var weight: Float = 1
            if positives > 0 && options.positiveWeightPower > 0 {
                weight = min(
                    max(pow(negatives / positives, options.positiveWeightPower), 1), options.maximumPositiveWeight)
            }
            let solver = LinearSVM(regularisation: cost)
            var scale =
                options.naiveBayesWeight > 0
                ? Self.naiveBayesScale(
                    matrix, rows: localRows, positive: positive, columns: columns, weight: options.naiveBayesWeight)
                : nil
            // Naive-Bayes ratios are for presence features; the dense word-vector columns keep their values.
            for column in sparseColumns..<columns { scale?[column] = 1 }
            let trained = solver.train(
                matrix, rows: localRows, positive: positive, columnCount: columns, positiveWeight: weight,
                columnScale: scale, generator: &generator)
            results.store(head: head, weights: trained.weights, bias: trained.bias)
        }
        var weights = [Float](repeating: 0, count: columns * heads)
        var bias = [Float](repeating: 0, count: heads)
        for head in 0..<heads {
            let (headWeights, headBias) = results.result(head)
            bias[head] = headBias
            for column in 0..<columns { weights[column * heads + head] = headWeights[column] }
        }
        return FittedHeads(vocabulary: vocabulary, weights: weights, bias: bias)
    }

    /// Per-column |log-count ratio| between positive and negative rows (presence counts, add-one smoothing),
    /// mixed with 1: features that separate the classes count for more.
    static func naiveBayesScale(
        _ matrix: SparseMatrix, rows: [Int], positive: [Bool], columns: Int, weight: Float
    )
        -> [Float]
    {
        var positiveCounts = [Float](repeating: 1, count: columns)
        var negativeCounts = [Float](repeating: 1, count: columns)
        for (index, row) in rows.enumerated() {
            for entry in matrix.rowOffsets[row]..<matrix.rowOffsets[row + 1] {
                let column = Int(matrix.columns[entry])
                if positive[index] { positiveCounts[column] += 1 } else { negativeCounts[column] += 1 }
            }
        }
        let positiveTotal = positiveCounts.reduce(0, +)
        let negativeTotal = negativeCounts.reduce(0, +)
        return (0..<columns).map { column in
            let ratio = log((positiveCounts[column] / positiveTotal) / (negativeCounts[column] / negativeTotal))
            return 1 - weight + weight * abs(ratio)
        }
    }

    /// How scores become decisions; all tuned on out-of-fold scores.
    struct Decisions: Sendable {
        /// Multi-label: per-theme thresholds. Single-label: per-label offsets.
        var thresholds: [Float]
        var assignBest: Bool
        var sentimentOffsets: [Float]
    }

    /// Multi-label: per-theme thresholds maximising F1, and whether to fall back to the best theme when none
    /// passes (kept only if it raises macro- plus micro-F1). Single-label: per-label offsets maximising
    /// macro-F1 plus accuracy. Sentiment: per-class offsets maximising 5-point plus 3-point accuracy.
    func tuneDecisions(comments: LabelledComments, plan: HeadPlan, scores: [Float]) -> Decisions {
        let heads = plan.count
        let labelHeads = plan.learnedLabels.count
        var decisions = Decisions(
            thresholds: [Float](repeating: 0, count: labelHeads), assignBest: false,
            sentimentOffsets: [Float](repeating: 0, count: plan.sentimentClasses.count))
        if comments.isSingleLabel && labelHeads >= 2 {
            let labelScores = (0..<comments.count).flatMap { row in (0..<labelHeads).map { scores[row * heads + $0] } }
            let truth = comments.labels.map { labels in labels.first.flatMap { plan.learnedLabels.firstIndex(of: $0) } }
            decisions.thresholds = OffsetTuning.tune(scores: labelScores, classes: labelHeads, truth: truth) {
                OffsetTuning.macroF1($0, $1, classes: labelHeads) + OffsetTuning.accuracy($0, $1)
            }
        } else if !comments.isSingleLabel {
            for (head, label) in plan.learnedLabels.enumerated() {
                let headScores = (0..<comments.count).map { scores[$0 * heads + head] }
                let positive = comments.labels.map { $0.contains(label) }
                decisions.thresholds[head] = Metrics.bestThreshold(scores: headScores, positive: positive)
            }
            var with = decisions
            with.assignBest = true
            let plain = evaluate(comments: comments, plan: plan, scores: scores, decisions: decisions)
            let fallback = evaluate(comments: comments, plan: plan, scores: scores, decisions: with)
            decisions.assignBest = fallback.macroF1 + fallback.microF1 > plain.macroF1 + plain.microF1
        }
        let classes = plan.sentimentClasses.count
        if classes >= 2 {
            let sentimentScores = (0..<comments.count).flatMap { row in
                (0..<classes).map { scores[row * heads + labelHeads + $0] }
            }
            let truth = comments.sentiments.map { value in value.flatMap { plan.sentimentClasses.firstIndex(of: $0) } }
            let values = plan.sentimentClasses
            decisions.sentimentOffsets = OffsetTuning.tune(scores: sentimentScores, classes: classes, truth: truth) {
                predicted, actual in
                let threePoint = zip(predicted, actual).filter {
                    Metrics.threePoint(values[$0]) == Metrics.threePoint(values[$1])
                }.count
                return OffsetTuning.accuracy(predicted, actual) + Double(threePoint) / Double(max(actual.count, 1))
            }
        }
        return decisions
    }

    func evaluate(comments: LabelledComments, plan: HeadPlan, scores: [Float], decisions: Decisions) -> EvaluationReport
    {
        let (predicted, sentiments) = predict(comments: comments, plan: plan, scores: scores, decisions: decisions)
        return report(comments: comments, plan: plan, predicted: predicted, sentiments: sentiments)
    }

    private func report(
        comments: LabelledComments, plan: HeadPlan, predicted: [[Int]], sentiments: [Int]
    )
        -> EvaluationReport
    {
        var learned = [Bool](repeating: false, count: comments.labelNames.count)
        for label in plan.learnedLabels { learned[label] = true }
        return Metrics.report(
            labelNames: comments.labelNames, learned: learned, truth: comments.labels, predicted: predicted,
            singleLabel: comments.isSingleLabel, sentimentTruth: comments.sentiments, sentimentPredicted: sentiments)
    }

    /// Labels and sentiment for each row, from its scores and the decisions.
    func predict(
        comments: LabelledComments, plan: HeadPlan, scores: [Float], decisions: Decisions
    ) -> (
        labels: [[Int]], sentiments: [Int]
    ) {
        let heads = plan.count
        var predicted: [[Int]] = []
        var sentiments: [Int] = []
        for row in 0..<comments.count {
            let base = row * heads
            var labels: [Int] = []
            var best = 0
            var bestMargin = -Float.infinity
            for (head, label) in plan.learnedLabels.enumerated() {
                let margin = scores[base + head] - decisions.thresholds[head]
                if !comments.isSingleLabel && margin > 0 { labels.append(label) }
                if margin > bestMargin {
                    bestMargin = margin
                    best = label
                }
            }
            if !plan.learnedLabels.isEmpty && (comments.isSingleLabel || (labels.isEmpty && decisions.assignBest)) {
                labels.append(best)
            }
            predicted.append(labels)
            var sentiment = CommentAnalysis.noCommentSentiment
            // As the analyser does: a non-answer has no sentiment.
            if !plan.sentimentClasses.isEmpty && !NonAnswers.matches(comments.texts[row]) {
                let start = base + plan.learnedLabels.count
                let offsets = decisions.sentimentOffsets
                var bestClass = 0
                for index in 1..<plan.sentimentClasses.count
                where scores[start + index] - offsets[index] > scores[start + bestClass] - offsets[bestClass] {
                    bestClass = index
                }
                sentiment = SentimentCues.adjusted(
                    plan.sentimentClasses[bestClass], text: comments.texts[row], classes: plan.sentimentClasses)
            }
            sentiments.append(sentiment)
        }
        return (predicted, sentiments)
    }
}

/// Per-head training results written from parallel iterations: each slot is written by exactly one
/// iteration and read only after `concurrentPerform` returns, under a lock for memory ordering.
private final class HeadResults: @unchecked Sendable {
    private var weights: [[Float]]
    private var biases: [Float]
    private let lock = NSLock()

    init(count: Int) {
        weights = [[Float]](repeating: [], count: count)
        biases = [Float](repeating: 0, count: count)
    }

    func store(head: Int, weights headWeights: [Float], bias: Float) {
        lock.lock()
        defer { lock.unlock() }
        weights[head] = headWeights
        biases[head] = bias
    }

    func result(_ head: Int) -> ([Float], Float) {
        lock.lock()
        defer { lock.unlock() }
        return (weights[head], biases[head])
    }
}
