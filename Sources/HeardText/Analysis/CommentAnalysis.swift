/// Everything the engine says about one comment.
public struct CommentAnalysis: Sendable, Codable, Equatable, Hashable {
    /// The value of `sentiment` for an empty or whitespace-only comment.
    public static let noCommentSentiment = 0

    /// Theme names, spelled exactly as the model's training columns, in taxonomy order.
    public var themes: [String]
    /// 1 very positive … 5 very negative (3 is mixed); `noCommentSentiment` (0) when there is no comment,
    /// when the comment is a non-answer ("Did not answer", "N/A", "No comment"; see `NonAnswers`), or when
    /// the model has no sentiment head.
    public var sentiment: Int
    /// Relational-care flags raised by the comment.
    public var relational: [RelationalFlag]
    /// The comment suggests risk (safeguarding, abuse, self-harm, danger) and needs a person to read it now.
    public var isUrgent: Bool
    /// Why it was flagged urgent: the cue categories that matched, e.g. "self-harm".
    public var urgentReasons: [String]
    /// Kinds of personal data found (and redacted).
    public var personalData: [PersonalDataKind]
    /// The comment with personal data replaced by typed placeholders.
    public var redactedText: String
    /// The comment was empty or only whitespace.
    public var isNoComment: Bool
    /// The comment may not be in English (see `LanguageCheck`), so its themes and sentiment mean little and
    /// any risk in it went unseen: a person needs to read it.
    public var mayNotBeEnglish: Bool

    public init(
        themes: [String], sentiment: Int, relational: [RelationalFlag], isUrgent: Bool, urgentReasons: [String],
        personalData: [PersonalDataKind], redactedText: String, isNoComment: Bool, mayNotBeEnglish: Bool = false
    ) {
        self.themes = themes
        self.sentiment = sentiment
        self.relational = relational
        self.isUrgent = isUrgent
        self.urgentReasons = urgentReasons
        self.personalData = personalData
        self.redactedText = redactedText
        self.isNoComment = isNoComment
        self.mayNotBeEnglish = mayNotBeEnglish
    }

    /// The analysis of an empty comment.
    public static let noComment = CommentAnalysis(
        themes: [], sentiment: noCommentSentiment, relational: [], isUrgent: false, urgentReasons: [],
        personalData: [], redactedText: "", isNoComment: true)
}
