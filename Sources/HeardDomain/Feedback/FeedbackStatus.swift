/// Where a piece of feedback is in moderation. Nothing is public until a moderator approves it.
public enum FeedbackStatus: String, CaseIterable, Codable, Sendable {
    /// Waiting for a moderator (everything from the public starts here).
    case awaitingModeration = "awaiting_moderation"
    /// Approved: the redacted copy is public.
    case published
    /// Approved but the person did not consent to publication: used for learning, never shown.
    case approvedPrivate = "approved_private"
    case rejected
    /// Passed to the complaints process.
    case escalated
    /// Was published, then taken down by a moderator (consent withdrawn, personal data found after
    /// publication). Kept for staff like private feedback; the story's public address says it was withdrawn.
    case withdrawn

    /// Whether an action can answer it: moderated and kept (published, private, or a complaint). Feedback still
    /// waiting for a moderator, or rejected, is not counted as heard or told what was done.
    public var canBeAnswered: Bool { [.published, .approvedPrivate, .escalated, .withdrawn].contains(self) }

    public var title: String {
        switch self {
        case .awaitingModeration: "Waiting for moderation"
        case .published: "Published"
        case .approvedPrivate: "Approved, not published"
        case .rejected: "Rejected"
        case .escalated: "Escalated to a complaint"
        case .withdrawn: "Withdrawn from publication"
        }
    }

    public var isPublic: Bool { self == .published }
}

/// What a moderator may decide, and the rule for each.
public enum ModerationDecision: Sendable, Equatable {
    case approve(publishedText: String)
    case reject(reason: String)
    case escalate(reason: String)
    /// Read and kept, not published although the person agreed: it could identify someone, or keeping someone
    /// safe comes first (a safeguarding concern). Counted and used like any private feedback.
    case keepPrivate(reason: String)

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notAwaitingModeration(FeedbackStatus)
        case emptyPublishedText
        case reasonNeeded
        case personalDataLeft([String])
        case publishedTextTooLong(length: Int, limit: Int)

        public var description: String {
            switch self {
            case .notAwaitingModeration(let status):
                "This feedback has already been moderated (\(status.title.lowercased()))."
            case .emptyPublishedText: "Enter the text to publish."
            case .publishedTextTooLong(let length, let limit):
                PublishedText.tooLong(length: length, limit: limit)
            case .reasonNeeded: "Enter the reason. It is kept with the feedback."
            case .personalDataLeft(let found):
                "The text to publish still contains personal data: \(found.joined(separator: "; "))."
            }
        }
    }

    /// The status the feedback moves to, or why the decision cannot be made.
    /// - Parameters:
    ///   - personalDataInPublishedText: what the redactor still finds in the edited text, each described with its words.
    ///   - suggestedLength: the length of the text offered to the moderator (see `PublishedText.limit`).
    public func outcome(
        currentStatus: FeedbackStatus, consentToPublish: Bool, personalDataInPublishedText: [String],
        suggestedLength: Int = 0
    ) -> Result<FeedbackStatus, Refusal> {
        guard currentStatus == .awaitingModeration else { return .failure(.notAwaitingModeration(currentStatus)) }
        switch self {
        case .approve(let text):
            if text.trimmingWhitespace().isEmpty { return .failure(.emptyPublishedText) }
            let limit = PublishedText.limit(suggestedLength: suggestedLength)
            if text.count > limit { return .failure(.publishedTextTooLong(length: text.count, limit: limit)) }
            if !personalDataInPublishedText.isEmpty { return .failure(.personalDataLeft(personalDataInPublishedText)) }
            return .success(consentToPublish ? .published : .approvedPrivate)
        case .reject(let reason):
            return reason.trimmingWhitespace().isEmpty ? .failure(.reasonNeeded) : .success(.rejected)
        case .escalate(let reason):
            return reason.trimmingWhitespace().isEmpty ? .failure(.reasonNeeded) : .success(.escalated)
        case .keepPrivate(let reason):
            return reason.trimmingWhitespace().isEmpty ? .failure(.reasonNeeded) : .success(.approvedPrivate)
        }
    }
}

/// What a moderator may do to a story already published, and the rule for each: take it down, or change the
/// text that is shown. Either needs a reason for the audit log, and the reason must not repeat personal data
/// (it is kept where the text it describes no longer is).
public enum PublishedStoryChange: Sendable, Equatable {
    case withdraw(reason: String)
    case edit(publishedText: String, reason: String)

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notPublished(FeedbackStatus)
        case reasonNeeded
        case personalDataInReason([String])
        case emptyPublishedText
        case unchanged
        case personalDataLeft([String])
        case publishedTextTooLong(length: Int, limit: Int)

        public var description: String {
            switch self {
            case .notPublished(let status):
                "This story is not published (\(status.title.lowercased())), so there is nothing to change."
            case .reasonNeeded: "Enter the reason. It is kept in the audit log."
            case .personalDataInReason(let found):
                "Describe the reason without repeating the personal data (\(found.joined(separator: "; "))): the audit log keeps the reason."
            case .emptyPublishedText: "Enter the text to publish, or withdraw the story instead."
            case .unchanged: "The text is the same as the one published. Change it, or leave it as it is."
            case .publishedTextTooLong(let length, let limit):
                PublishedText.tooLong(length: length, limit: limit)
            case .personalDataLeft(let found):
                "The text to publish still contains personal data: \(found.joined(separator: "; "))."
            }
        }
    }

    /// The status the story moves to, or why the change cannot be made.
    /// - Parameters:
    ///   - personalDataInReason: what the redactor finds in the reason, each described with its words.
    ///   - personalDataInPublishedText: what the redactor still finds in the edited text, each described with its words.
    public func outcome(
        currentStatus: FeedbackStatus, currentText: String?, personalDataInReason: [String],
        personalDataInPublishedText: [String]
    ) -> Result<FeedbackStatus, Refusal> {
        guard currentStatus == .published else { return .failure(.notPublished(currentStatus)) }
        switch self {
        case .withdraw(let reason):
            if reason.trimmingWhitespace().isEmpty { return .failure(.reasonNeeded) }
            if !personalDataInReason.isEmpty { return .failure(.personalDataInReason(personalDataInReason)) }
            return .success(.withdrawn)
        case .edit(let text, let reason):
            if text.trimmingWhitespace().isEmpty { return .failure(.emptyPublishedText) }
            if text == currentText { return .failure(.unchanged) }
            // The published text may stay as long as it already is, but an edit cannot make it longer than that.
            let limit = PublishedText.limit(suggestedLength: currentText?.count ?? 0)
            if text.count > limit { return .failure(.publishedTextTooLong(length: text.count, limit: limit)) }
            if !personalDataInPublishedText.isEmpty { return .failure(.personalDataLeft(personalDataInPublishedText)) }
            if reason.trimmingWhitespace().isEmpty { return .failure(.reasonNeeded) }
            if !personalDataInReason.isEmpty { return .failure(.personalDataInReason(personalDataInReason)) }
            // The redactor may not know a name the moderator has just taken out; the reason must not keep it.
            let repeated = Self.removedNamesRepeated(in: reason, before: currentText ?? "", after: text)
            if !repeated.isEmpty {
                return .failure(.personalDataInReason(repeated.map { "the words \"\($0)\", which the edit removes" }))
            }
            return .success(.published)
        }
    }
}

extension PublishedStoryChange {
    /// Capitalised words the edit takes out of the text (names, places) that the reason repeats, in the order of
    /// the reason: "Removed the nurse's name (Gwen Jones)" after taking "Gwen Jones" out gives ["Gwen", "Jones"].
    /// Only words that start with a capital where they stood, so "removed a rude word" is no repeat of "rude".
    static func removedNamesRepeated(in reason: String, before: String, after: String) -> [String] {
        func words(_ text: String) -> [Substring] {
            text.split { !($0.isLetter || $0 == "'" || $0 == "’" || $0 == "-") }
        }
        let kept = Set(words(after).map { $0.lowercased() })
        let removed = Set(
            words(before).filter { $0.count >= 2 && $0.first?.isUppercase == true && !kept.contains($0.lowercased()) }
                .map { $0.lowercased() }
        ).subtracting(sentenceStarts)
        var seen: Set<String> = []
        return words(reason).map(String.init).filter { word in
            // A removed sentence began with a capital too: its first word ("The") is no name.
            let lower = word.lowercased()
            return removed.contains(lower) && seen.insert(lower).inserted
        }
    }

    /// Words that begin sentences without being names: a reason may say them whatever the edit took out.
    static let sentenceStarts: Set<String> = [
        "the", "a", "an", "and", "but", "or", "so", "i", "i'm", "i've", "it", "it's", "he", "she", "they", "we", "you",
        "my", "our", "your", "his", "her", "their", "this", "that", "these", "those", "there", "then", "when", "what",
        "why", "how", "who", "was", "were", "is", "are", "in", "on", "at", "to", "of", "for", "with", "from", "after",
        "before", "if", "not", "no", "yes", "thank", "thanks", "please", "very", "all", "some", "one", "also", "as",
    ]
}

/// How long a published story may be. A story is what someone wrote, redacted and perhaps shortened, so a
/// moderator cannot publish more than a person may submit (10,000 characters), unless the text offered to
/// them is already longer (a story and its two answers together), which can then be approved unchanged.
public enum PublishedText {
    public static func limit(suggestedLength: Int) -> Int {
        max(FeedbackSubmission.maximumTextLength, suggestedLength)
    }

    static func tooLong(length: Int, limit: Int) -> String {
        "Keep the text to publish to \(limit.formatted) characters or fewer: it is \(length.formatted) now. Shorten it: a story is published as the person wrote it, with personal data taken out."
    }
}
