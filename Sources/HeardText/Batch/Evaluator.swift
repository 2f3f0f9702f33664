/// Scores a model against labelled comments.
public struct Evaluator: Sendable {
    public let model: TextModel

    public init(model: TextModel) { self.model = model }

    /// The file's labels the model does not have at all (a different taxonomy or a mistyped label), in the
    /// file's order. Scores for them are meaningless: the model can never predict them.
    public func unknownLabels(_ comments: LabelledComments) -> [String] {
        let known = Set(model.metadata.labels)
        return comments.labelNames.filter { !known.contains($0) }
    }

    /// Accuracy, macro- and micro-F1 over the model's learned labels, per-label scores, and sentiment accuracy.
    /// Labels are matched by name; labels the model did not learn count as not learned.
    public func evaluate(_ comments: LabelledComments) -> EvaluationReport {
        let analyser = CommentAnalyser(model: model)
        var workspace = AnalysisWorkspace(headCount: model.headCount)
        var nameToIndex: [String: Int] = [:]
        for (index, name) in comments.labelNames.enumerated() { nameToIndex[name] = index }
        let headToLabel = model.metadata.headLabels.map { nameToIndex[model.metadata.labels[$0]] }
        var learned = [Bool](repeating: false, count: comments.labelNames.count)
        for case let label? in headToLabel { learned[label] = true }
        var questionCache: [String: UInt64?] = [:]
        var predicted: [[Int]] = []
        var sentiments: [Int] = []
        for (row, text) in comments.texts.enumerated() {
            var question: UInt64? = nil
            if let questionText = comments.questions[row] {
                if let cached = questionCache[questionText] {
                    question = cached
                } else {
                    question = FeatureExtractor.questionHash(questionText)
                    questionCache[questionText] = question
                }
            }
            var source = text
            let raw = source.withUTF8 { analyser.analyse($0, question: question, workspace: &workspace, redact: false) }
            predicted.append(raw.isNoComment ? [] : workspace.labelHeads.compactMap { headToLabel[$0] })
            sentiments.append(raw.sentiment)
        }
        return Metrics.report(
            labelNames: comments.labelNames, learned: learned, truth: comments.labels, predicted: predicted,
            singleLabel: comments.isSingleLabel, sentimentTruth: comments.sentiments, sentimentPredicted: sentiments)
    }
}
