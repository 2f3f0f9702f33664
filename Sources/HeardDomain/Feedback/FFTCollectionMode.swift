/// The modes of collection NHS England's FFT return counts answers by. Heard's channels say how an answer reached
/// Heard; each maps to one of these, so the return needs no hand mapping.
public enum FFTCollectionMode: String, CaseIterable, Sendable {
    case sms = "sms_text"
    case tabletOrKiosk = "tablet_kiosk"
    case online
    case telephone
    case paper = "paper_postcard"
    case other

    /// As NHS England's return names it.
    public var title: String {
        switch self {
        case .sms: "SMS/text"
        case .tabletOrKiosk: "Electronic tablet/kiosk"
        case .online: "Online"
        case .telephone: "Telephone"
        case .paper: "Paper/postcard"
        case .other: "Other"
        }
    }
}

extension FeedbackChannel {
    /// The FFT return's mode for answers that came this way. An import or the API with no channel given is
    /// "other": the file or system did not say how the person answered.
    public var fftMode: FFTCollectionMode {
        switch self {
        case .sms: .sms
        case .kiosk: .tabletOrKiosk
        case .online: .online
        case .phone: .telephone
        case .paper: .paper
        case .event, .email, .letter, .imported, .api: .other
        }
    }

    /// The channels a file or another system may name for how each answer was collected. "import" and "api" are
    /// how it reached Heard, not how the person answered, so they are not among them.
    public static let collectedChoices: [FeedbackChannel] = [
        .sms, .kiosk, .online, .paper, .phone, .event, .email, .letter,
    ]

    /// Reads how a survey supplier's export or another system writes the way an answer was collected: Heard's
    /// own values ("sms", "kiosk", "paper" …), their titles, and NHS England's mode names ("SMS/Text",
    /// "Electronic tablet/kiosk", "Paper/postcard", "Telephone", "IVR"). Case and spacing do not matter.
    /// Nil for anything else, and for "other", which says nothing more than an import does.
    public init?(collectedAs raw: String) {
        let key = raw.trimmingWhitespace().lowercased().filter { $0.isLetter }
        let found: FeedbackChannel? =
            switch key {
            case "sms", "smstext", "text", "textmessage", "txt": .sms
            case "kiosk", "tablet", "tabletkiosk", "electronictabletkiosk", "tabletorkiosk", "ipad", "touchscreen":
                .kiosk
            case "online", "onlineform", "web", "website", "internet", "qrcode": .online
            case "paper", "paperform", "postcard", "paperpostcard", "card", "post": .paper
            case "phone", "telephone", "phonecall", "ivr", "automatedcall": .phone
            case "event", "atanevent", "facetoface", "inperson": .event
            case "email", "emails": .email
            case "letter": .letter
            default: nil
            }
        guard let found else { return nil }
        self = found
    }

    /// The values `init(collectedAs:)` accepts, for an error message.
    public static let collectedAsAccepted =
        "sms (or text), kiosk (or tablet), online, paper (or postcard), phone (or telephone, IVR), event, email or letter"
}
