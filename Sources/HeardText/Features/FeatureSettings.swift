/// Which features a model uses. Saved in the model file so that analysis extracts exactly what training did.
public struct FeatureSettings: Codable, Sendable, Equatable, Hashable {
    /// Word pairs within a clause ("not helpful", "waiting time").
    public var wordBigrams: Bool
    /// Character n-grams inside words (fastText-style, with word boundaries); 0 turns them off.
    public var characterNGramMinimum: Int
    public var characterNGramMaximum: Int
    /// The question the comment answers, as its own feature (and crossed with each word if `questionCrossWords`).
    public var questionFeature: Bool
    public var questionCrossWords: Bool
    /// A coarse comment-length bucket ("one word", "a paragraph").
    public var lengthFeature: Bool
    /// Features seen in fewer training comments than this are dropped (keeps models small and robust).
    public var minimumDocumentFrequency: Int
    /// The comment's static word vector as extra dense features (nil: none). See `WordVectors`.
    public var wordVectors: WordVectorFeature?

    public init(
        wordBigrams: Bool = true, characterNGramMinimum: Int = 3, characterNGramMaximum: Int = 5,
        questionFeature: Bool = true, questionCrossWords: Bool = true, lengthFeature: Bool = true,
        minimumDocumentFrequency: Int = 2
    ) {
        self.wordBigrams = wordBigrams
        self.characterNGramMinimum = characterNGramMinimum
        self.characterNGramMaximum = characterNGramMaximum
        self.questionFeature = questionFeature
        self.questionCrossWords = questionCrossWords
        self.lengthFeature = lengthFeature
        self.minimumDocumentFrequency = minimumDocumentFrequency
    }
}

/// Which word vectors a model was trained with, and how much their dense features weigh against the
/// L2-normalised TF-IDF features (the comment vector is scaled to this length).
public struct WordVectorFeature: Codable, Sendable, Equatable, Hashable {
    /// `WordVectors.identity` of the vectors used in training.
    public var identity: String
    public var dimensions: Int
    public var weight: Float

    public init(identity: String, dimensions: Int, weight: Float) {
        self.identity = identity
        self.dimensions = dimensions
        self.weight = weight
    }
}
