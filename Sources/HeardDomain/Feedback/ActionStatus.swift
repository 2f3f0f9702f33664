/// "We did": what happened about what people said. Feeding back when change is not possible matters too,
/// so "not possible" needs a reason, and so does "done" (what was done is the evidence).
public enum ActionStatus: String, CaseIterable, Codable, Sendable {
    case planned
    case inProgress = "in_progress"
    case done
    case notPossible = "not_possible"

    public var title: String {
        switch self {
        case .planned: "Planned"
        case .inProgress: "In progress"
        case .done: "Done"
        case .notPossible: "Not possible"
        }
    }

    /// Done or closed as not possible: the loop can be closed with the people who spoke.
    public var isClosed: Bool { self == .done || self == .notPossible }

    /// Checks a status change; returns the problem in plain words, or nil when allowed.
    public static func problem(changingFrom old: ActionStatus, to new: ActionStatus, note: String) -> FieldError? {
        let note = note.trimmingWhitespace()
        if old.isClosed, !new.isClosed {
            return nil  // Re-opening is allowed: things change, and the update records why.
        }
        // Closing publishes the note as "We did: …", so "." or "tbc" cannot stand in for it.
        if new == .notPossible,
            let problem = RecordedReason.placeholderProblem(
                note, ask: "Explain why this is not possible. People are told the reason.")
        {
            return FieldError("note", problem)
        }
        if new == .done,
            let problem = RecordedReason.placeholderProblem(
                note, ask: "Say what was done. This is the evidence people will see.")
        {
            return FieldError("note", problem)
        }
        if old == new, note.isEmpty {
            return FieldError("note", "Enter an update, or change the status.")
        }
        return nil
    }
}
