/// Who made a model, from what, and how well it does. Saved inside the model file.
public struct ModelCard: Codable, Sendable, Equatable {
    public var name: String
    public var createdAt: String
    public var dataSource: String
    public var trainingRows: Int
    public var seed: UInt64
    /// Labels that had too few examples to learn (name → count): never predicted.
    public var tooFewExamples: [String: Int]
    /// Minimum number of examples a label needs to be learned.
    public var minimumExamples: Int
    public var crossValidation: EvaluationReport?
    public var notes: String

    public init(
        name: String, createdAt: String, dataSource: String, trainingRows: Int, seed: UInt64,
        tooFewExamples: [String: Int], minimumExamples: Int, crossValidation: EvaluationReport?, notes: String
    ) {
        self.name = name
        self.createdAt = createdAt
        self.dataSource = dataSource
        self.trainingRows = trainingRows
        self.seed = seed
        self.tooFewExamples = tooFewExamples
        self.minimumExamples = minimumExamples
        self.crossValidation = crossValidation
        self.notes = notes
    }
}
