/// Where an involved person's idea has got to. The seed's complaint is that community champions are only ever
/// asked to "please share this": their own ideas get an answer, and credit when they are taken forward.
public enum IdeaStatus: String, CaseIterable, Codable, Sendable {
    case submitted
    case considering
    case takenForward = "taken_forward"
    case notTakenForward = "not_taken_forward"

    public var title: String {
        switch self {
        case .submitted: "Waiting for a response"
        case .considering: "Being considered"
        case .takenForward: "Taken forward"
        case .notTakenForward: "Not taken forward"
        }
    }

    /// A staff answer moves an idea on; "submitted" is only where it starts.
    public static let answers: [IdeaStatus] = [.considering, .takenForward, .notTakenForward]
}

/// What a staff answer to an idea must contain: the person always hears something they can read, a refusal
/// says why, and "taken forward" says into what.
public enum IdeaAnswerRules {
    public static func problems(status: IdeaStatus?, response: String, initiativeChosen: Bool) -> [FieldError] {
        var problems: [FieldError] = []
        guard let status, status != .submitted else {
            return [FieldError("status", "Choose what happens to the idea.")]
        }
        let text = response.trimmingWhitespace()
        switch status {
        case .notTakenForward where text.count < 20:
            problems.append(
                FieldError(
                    "response",
                    "Say why the idea is not being taken forward, in a sentence or two the person can read (at least 20 characters)."
                ))
        case _ where text.isEmpty:
            problems.append(FieldError("response", "Write the response the person will read: what happens next."))
        default:
            if let problem = TextLimit.problem(text, limit: TextLimit.reply, what: "the response") {
                problems.append(FieldError("response", problem))
            }
        }
        if status == .takenForward && !initiativeChosen {
            problems.append(
                FieldError(
                    "initiative_id",
                    "Choose the initiative the idea became, so the person can follow it and is credited on it."))
        }
        return problems
    }
}
