/// The headline number: of published feedback that needed an answer, how much got one, how fast,
/// and how much led to a recorded change. Pure arithmetic over counts and durations the storage
/// layer supplies (aggregated in SQL at scale).
public struct LoopClosure: Equatable, Sendable, Codable {
    /// Published items that needed an answer (not pure thanks, not "no comment").
    public var needingAnswer: Int
    public var replied: Int
    public var linkedToAction: Int
    public var actions: Int
    public var actionsClosed: Int
    public var medianDaysToReply: Double?
    public var medianDaysToWeDid: Double?

    public init(
        needingAnswer: Int, replied: Int, linkedToAction: Int, actions: Int, actionsClosed: Int,
        medianDaysToReply: Double?, medianDaysToWeDid: Double?
    ) {
        self.needingAnswer = needingAnswer
        self.replied = replied
        self.linkedToAction = linkedToAction
        self.actions = actions
        self.actionsClosed = actionsClosed
        self.medianDaysToReply = medianDaysToReply
        self.medianDaysToWeDid = medianDaysToWeDid
    }

    public var replyRate: Double? { Self.share(replied, of: needingAnswer) }
    public var actionRate: Double? { Self.share(linkedToAction, of: needingAnswer) }
    public var actionsClosedRate: Double? { Self.share(actionsClosed, of: actions) }

    static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// "72%" or "–" when there is nothing to divide by.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return "\(Int((value * 100).rounded()))%"
    }

    public static func days(_ value: Double?) -> String {
        guard let value else { return "–" }
        let rounded = (value * 10).rounded() / 10
        return rounded == 1 ? "1 day" : "\(rounded.formattedPlain) days"
    }

    /// The middle value (the mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension Double {
    /// "3" rather than "3.0"; one decimal otherwise.
    var formattedPlain: String {
        self == rounded() ? String(Int(self)) : String((self * 10).rounded() / 10)
    }
}
