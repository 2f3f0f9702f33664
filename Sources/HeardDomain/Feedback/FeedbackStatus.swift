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

    /// Whether an action can answer it: moderated and kept (published, private, or a complaint). Feedback still
    /// waiting for a moderator, or rejected, is not counted as heard or told what was done.
    public var canBeAnswered: Bool { [.published, .approvedPrivate, .escalated].contains(self) }

    public var title: String {
        switch self {
        case .awaitingModeration: "Waiting for moderation"
        case .published: "Published"
        case .approvedPrivate: "Approved, not published"
        case .rejected: "Rejected"
        case .escalated: "Escalated to a complaint"
        }
    }

    public var isPublic: Bool { self == .published }
}

/// What a moderator may decide, and the rule for each.
public enum ModerationDecision: Sendable, Equatable {
    case approve(publishedText: String)
    case reject(reason: String)
    case escalate(reason: String)

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case notAwaitingModeration(FeedbackStatus)
        case emptyPublishedText
        case reasonNeeded
        case personalDataLeft([String])

        public var description: String {
            switch self {
            case .notAwaitingModeration(let status):
                "This feedback has already been moderated (\(status.title.lowercased()))."
            case .emptyPublishedText: "Enter the text to publish."
            case .reasonNeeded: "Enter the reason. It is kept with the feedback."
            case .personalDataLeft(let kinds):
                "The text to publish still contains personal data (\(kinds.joined(separator: ", "))). Replace it with a placeholder such as [name]."
            }
        }
    }

    /// The status the feedback moves to, or why the decision cannot be made.
    /// - Parameter personalDataInPublishedText: kinds the redactor still finds in the edited text.
    public func outcome(
        currentStatus: FeedbackStatus, consentToPublish: Bool, personalDataInPublishedText: [String]
    ) -> Result<FeedbackStatus, Refusal> {
        guard currentStatus == .awaitingModeration else { return .failure(.notAwaitingModeration(currentStatus)) }
        switch self {
        case .approve(let text):
            if text.trimmingWhitespace().isEmpty { return .failure(.emptyPublishedText) }
            if !personalDataInPublishedText.isEmpty { return .failure(.personalDataLeft(personalDataInPublishedText)) }
            return .success(consentToPublish ? .published : .approvedPrivate)
        case .reject(let reason):
            return reason.trimmingWhitespace().isEmpty ? .failure(.reasonNeeded) : .success(.rejected)
        case .escalate(let reason):
            return reason.trimmingWhitespace().isEmpty ? .failure(.reasonNeeded) : .success(.escalated)
        }
    }
}
