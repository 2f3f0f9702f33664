/// The longest a free-text field may be, and the message when it is longer: the limit, and how long the text
/// is, so the person knows how much to cut.
public enum TextLimit {
    /// A board member's role ("GP member", "Chair").
    public static let memberRole = 150
    /// A person's name as minutes give it ("Dr Amir Khan").
    public static let personName = 100
    /// A title or a meeting's name, read in lists and headings.
    public static let title = 200
    /// A list read at a meeting: the members present, the declarations made.
    public static let meetingList = 5000
    /// What a decision says was decided, published in full.
    public static let decisionOutcome = 10_000
    /// What a board decides or advises on.
    public static let boardPurpose = 2000
    /// A declaration of interest in the published register.
    public static let declarationDetails = 2000
    /// An idea's details: a few paragraphs, published word for word when it is taken forward.
    public static let ideaDetails = 3000
    /// How someone likes to be contacted ("phone after 5pm, via their carer").
    public static let contactPreference = 500
    /// The name someone is credited with.
    public static let creditName = 100
    /// A reason recorded for the public or the file (a delay, a closure, a late complaint taken on).
    public static let reason = 5000
    /// One part of a complaint's record: the acknowledgement offered, how it was considered, the conclusions,
    /// what is put right. A summary of the letter, not the letter's every page.
    public static let complaintRecord = 10_000
    /// Words written for the person or the public as one message: a reply to feedback, an update on an action
    /// (its outcome when it closes), the response to an idea. A few paragraphs, read in full on a page or in
    /// an e-mail.
    public static let reply = 5000

    /// Nil when `text` fits; otherwise "Keep the role to 150 characters or fewer: it is 200,000 now."
    /// `what` names the field as the sentence needs it: "the role", "the description".
    public static func problem(_ text: String, limit: Int, what: String) -> String? {
        let length = text.count
        guard length > limit else { return nil }
        return "Keep \(what) to \(limit.formatted) characters or fewer: it is \(length.formatted) now."
    }
}
