import Foundation
import Testing

@testable import HeardText

@Suite struct TrainingOptionsTests {
    @Test func refusesSettingsThatCannotGiveAModel() throws {
        try TrainingOptions().validate(commentCount: 200)
        try TrainingOptions(folds: 0).validate(commentCount: 1)
        try TrainingOptions(folds: 200).validate(commentCount: 200)
        try TrainingOptions(positiveWeightPower: 0, naiveBayesWeight: 0).validate()
        try TrainingOptions(naiveBayesWeight: 1).validate()
        let refused: [(TrainingOptions, String)] = [
            (TrainingOptions(labelRegularisation: 0), "--label-cost must be a number greater than 0, not 0.0"),
            (TrainingOptions(labelRegularisation: -1), "--label-cost"),
            (TrainingOptions(labelRegularisation: .nan), "--label-cost must be a number greater than 0, not nan"),
            (TrainingOptions(labelRegularisation: .infinity), "--label-cost"),
            (TrainingOptions(sentimentRegularisation: 0), "--sentiment-cost"),
            (TrainingOptions(sentimentRegularisation: .nan), "--sentiment-cost"),
            (TrainingOptions(positiveWeightPower: -0.5), "--positive-weight-power"),
            (TrainingOptions(positiveWeightPower: .infinity), "--positive-weight-power"),
            (TrainingOptions(positiveWeightPower: .nan), "--positive-weight-power"),
            (TrainingOptions(naiveBayesWeight: 1.5), "--naive-bayes must be a number from 0 (off) to 1"),
            (TrainingOptions(naiveBayesWeight: -0.1), "--naive-bayes"),
            (TrainingOptions(naiveBayesWeight: .nan), "--naive-bayes"),
            (TrainingOptions(wordVectorWeight: .infinity), "--word-vectors"),
            (TrainingOptions(folds: 1), "--folds must be 0 (no cross-validation) or at least 2"),
            (TrainingOptions(folds: -3), "--folds"),
            (TrainingOptions(minimumExamples: -1), "--minimum-examples must be 1 or more, not -1"),
            (TrainingOptions(minimumExamples: 0), "--minimum-examples"),
            (
                TrainingOptions(features: FeatureSettings(minimumDocumentFrequency: 0)),
                "--minimum-document-frequency must be 1 or more, not 0"
            ),
        ]
        for (options, message) in refused {
            #expect(throws: TrainingProblem.self) { try options.validate() }
            do {
                try options.validate(commentCount: 200)
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }

    @Test func refusesNoCommentsAndMoreFoldsThanComments() {
        #expect(throws: TrainingProblem("there are no comments to train on: the file has a header but no rows")) {
            try TrainingOptions(folds: 0).validate(commentCount: 0)
        }
        #expect(
            throws: TrainingProblem(
                "--folds 100000 is more than the 200 comments: use 0 (no cross-validation) or 2…200")
        ) { try TrainingOptions(folds: 100_000).validate(commentCount: 200) }
    }

    @Test func crossValidatesWithAsManyFoldsAsAskedUpToOnePerComment() {
        // Cross-validation used to be skipped, without a word, when there were fewer than two comments per fold.
        var options = TinyCorpus.options()
        options.folds = 30
        let result = Trainer(options: options).train(TinyCorpus.comments(count: 40))
        #expect(result.crossValidation != nil)
        options.folds = 0
        #expect(Trainer(options: options).train(TinyCorpus.comments(count: 40)).crossValidation == nil)
    }

    @Test func aModelWithWeightsThatAreNotNumbersIsRefusedNotCrashedOn() throws {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let url = TinyCorpus.temporaryURL("nan.heardmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        for bad in [Float.nan, .infinity, -.infinity] {
            var weights = model.weights
            weights[weights.count / 2] = bad
            let broken = TextModel(
                metadata: model.metadata, keys: model.keys, idf: model.idf, weights: weights, bias: model.bias,
                denseWeights: model.denseWeights, wordVectors: model.wordVectors)
            // Scoring with it does not trap either.
            _ = CommentAnalyser(model: broken).analyse("the nurse was kind")
            #expect(throws: ModelError.notFinite(path: url.path, part: "weights")) { try broken.write(to: url) }
            #expect(!FileManager.default.fileExists(atPath: url.path))
        }
        var bias = model.bias
        bias[0] = .nan
        let broken = TextModel(
            metadata: model.metadata, keys: model.keys, idf: model.idf, weights: model.weights, bias: bias,
            denseWeights: model.denseWeights, wordVectors: model.wordVectors)
        #expect(throws: ModelError.notFinite(path: url.path, part: "bias")) { try broken.write(to: url) }
    }

    @Test func namesTheLabelsOfAFileThatTheModelDoesNotHave() {
        let model = Trainer(options: TinyCorpus.options()).train(TinyCorpus.comments()).model
        let comments = LabelledComments(
            texts: ["kind staff", "long wait"], questions: [nil, nil], labelNames: ["NEAS", "Staff", "Trust B"],
            labels: [[0], [2]], sentiments: [nil, nil], isSingleLabel: true, textColumn: "text", questionColumn: nil)
        #expect(Evaluator(model: model).unknownLabels(comments) == ["NEAS", "Trust B"])
        #expect(Evaluator(model: model).unknownLabels(TinyCorpus.comments()).isEmpty)
    }
}
