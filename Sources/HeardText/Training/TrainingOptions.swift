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
