/// Settings for `Trainer`. Defaults are the ones chosen by cross-validation on the NHS FFT data.
public struct TrainingOptions: Sendable {
    /// Seed for fold assignment and the solver's visiting order: same data + seed → same model.
    public var seed: UInt64
    public var folds: Int
    /// Labels with fewer training examples are not learned (and never predicted).
    public var minimumExamples: Int
    /// SVM cost C for label heads and for sentiment heads.
    public var labelRegularisation: Float
    public var sentimentRegularisation: Float
    /// Rare labels weigh their positives by (negatives / positives) ^ power, capped at `maximumPositiveWeight`.
    public var positiveWeightPower: Float
    public var maximumPositiveWeight: Float
    /// Scale each feature by its naive-Bayes log-count ratio for the head (NB-SVM, Wang & Manning 2012),
    /// interpolated with 1 by this weight (0 turns it off). The default, 0.5, was better than 1 by
    /// cross-validation on the fft-v6 themes and no worse on fft-phase1 or on sentiment.
    public var naiveBayesWeight: Float
    public var features: FeatureSettings
    /// Add each comment's static word vector (`WordVectors`, shipped with Heard) as dense features scaled to
    /// this length; 0 turns them off.
    public var wordVectorWeight: Float
    public var modelName: String
    public var dataSource: String
    public var notes: String

    public init(
        seed: UInt64 = 20_251_125, folds: Int = 4, minimumExamples: Int = 30, labelRegularisation: Float = 0.5,
        sentimentRegularisation: Float = 0.3, positiveWeightPower: Float = 0.5, maximumPositiveWeight: Float = 8,
        naiveBayesWeight: Float = 0.5, features: FeatureSettings = FeatureSettings(), wordVectorWeight: Float = 1,
        modelName: String = "custom",
        dataSource: String = "",
        notes: String = ""
    ) {
        self.seed = seed
        self.folds = folds
        self.minimumExamples = minimumExamples
        self.labelRegularisation = labelRegularisation
        self.sentimentRegularisation = sentimentRegularisation
        self.positiveWeightPower = positiveWeightPower
        self.maximumPositiveWeight = maximumPositiveWeight
        self.naiveBayesWeight = naiveBayesWeight
        self.features = features
        self.wordVectorWeight = wordVectorWeight
        self.modelName = modelName
        self.dataSource = dataSource
        self.notes = notes
    }
}

/// A training setting or training set that cannot give a model, said plainly.
public struct TrainingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

extension TrainingOptions {
    /// Checks the settings before any work is done, so a bad value is refused at once rather than giving
    /// a model of NaN weights (or crashing) after training. With `commentCount`, also checks that there is
    /// something to train on and that there are enough comments for the folds.
    public func validate(commentCount: Int? = nil) throws(TrainingProblem) {
        func finite(_ value: Float, _ name: String, _ rule: String, _ isValid: (Float) -> Bool) throws(TrainingProblem)
        {
            guard value.isFinite, isValid(value) else {
                throw TrainingProblem("\(name) must be \(rule), not \(value)")
            }
        }
        try finite(labelRegularisation, "--label-cost", "a number greater than 0") { $0 > 0 }
        try finite(sentimentRegularisation, "--sentiment-cost", "a number greater than 0") { $0 > 0 }
        try finite(naiveBayesWeight, "--naive-bayes", "a number from 0 (off) to 1") { (0...1).contains($0) }
        try finite(positiveWeightPower, "--positive-weight-power", "a number of 0 or more") { $0 >= 0 }
        try finite(maximumPositiveWeight, "the maximum positive weight", "a number of 1 or more") { $0 >= 1 }
        try finite(wordVectorWeight, "--word-vectors", "a number from 0 (off) to 10") { (0...10).contains($0) }
        guard folds == 0 || folds >= 2 else {
            throw TrainingProblem("--folds must be 0 (no cross-validation) or at least 2, not \(folds)")
        }
        guard minimumExamples >= 1 else {
            throw TrainingProblem("--minimum-examples must be 1 or more, not \(minimumExamples)")
        }
        guard features.minimumDocumentFrequency >= 1 else {
            throw TrainingProblem(
                "--minimum-document-frequency must be 1 or more, not \(features.minimumDocumentFrequency)")
        }
        guard let commentCount else { return }
        guard commentCount > 0 else {
            throw TrainingProblem("there are no comments to train on: the file has a header but no rows")
        }
        guard folds <= commentCount else {
            throw TrainingProblem(
                "--folds \(folds) is more than the \(commentCount) comments: use 0 (no cross-validation) or 2…\(commentCount)"
            )
        }
    }
}
