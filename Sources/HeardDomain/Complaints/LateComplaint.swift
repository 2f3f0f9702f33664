/// Taking on a complaint made more than 12 months after the event (or after the person knew of it). Regulation
/// 12(4) lifts the time limit only when both hold: (a) the complainant had good reasons for not complaining in
/// time, and (b) notwithstanding the delay, it is still possible to investigate the complaint effectively and
/// fairly. The handler records (a) as a reason and confirms (b).
public struct LateComplaint: Equatable, Sendable {
    /// Why the complainant could not complain in time (regulation 12(4)(a)).
    public var reason: String
    /// Whether the handler confirmed it can still be investigated effectively and fairly (regulation 12(4)(b)).
    public var stillFair: Bool

    public init(reason: String, stillFair: Bool) {
        self.reason = reason.trimmingWhitespace()
        self.stillFair = stillFair
    }

    /// What the acknowledgement form refuses about the event date and the two parts of regulation 12(4).
    public func problems(eventOn: SimpleDate?, receivedOn: SimpleDate) -> [FieldError] {
        guard let eventOn else { return [] }
        if eventOn > receivedOn {
            return [FieldError("event_on", "The event cannot be after the complaint arrived.")]
        }
        guard ComplaintClock.isOutsideTimeLimit(eventOn: eventOn, receivedOn: receivedOn) else { return [] }
        var problems: [FieldError] = []
        if reason.isEmpty {
            problems.append(
                FieldError(
                    "late_reason",
                    "This is more than 12 months after the event: say why it is still taken on (for example, the person could not complain sooner)."
                ))
        }
        if !stillFair {
            problems.append(
                FieldError(
                    "late_still_fair",
                    "A complaint made more than 12 months after the event can only be taken on if it is still possible to investigate it fairly and well (regulation 12(4)). Tick the box to confirm it is, or close it as not taken on."
                ))
        }
        return problems
    }

    /// What the complaint's page says about (b) for a late complaint taken on with a reason; nil without one.
    /// Without the confirmation it is "not recorded", not "no": the form refuses a late complaint without it
    /// now, so such a case was taken on before Heard asked (migration M0129 left those unconfirmed).
    public static func stillFairText(reason: String, stillFair: Bool) -> String? {
        guard !reason.trimmingWhitespace().isEmpty else { return nil }
        return stillFair
            ? "Yes, confirmed when it was taken on"
            : "Not recorded: it was taken on before Heard asked"
    }
}
