/// The Friends and Family Test answer (since April 2020): "Overall, how was your experience of our service?"
public enum FFTRating: Int, CaseIterable, Codable, Sendable {
    case veryGood = 1
    case good = 2
    case neitherGoodNorPoor = 3
    case poor = 4
    case veryPoor = 5
    case dontKnow = 6

    public static let question = "Overall, how was your experience of our service?"

    public var title: String {
        switch self {
        case .veryGood: "Very good"
        case .good: "Good"
        case .neitherGoodNorPoor: "Neither good nor poor"
        case .poor: "Poor"
        case .veryPoor: "Very poor"
        case .dontKnow: "Don't know"
        }
    }

    /// Reads the labels and numbers FFT exports use ("Very good", "1", "very_good").
    public init?(text: String) {
        let key = String(
            text.trimmingWhitespace().lowercased().map { $0 == "_" ? " " : $0 == "’" ? "'" : $0 })
        if let number = Int(key), let rating = FFTRating(rawValue: number) {
            self = rating
            return
        }
        guard
            let match = FFTRating.allCases.first(where: { $0.title.lowercased() == key })
                ?? (key == "dont know" ? .dontKnow : nil)
        else { return nil }
        self = match
    }
}

/// How a piece of feedback reached us.
public enum FeedbackChannel: String, CaseIterable, Codable, Sendable {
    case online, paper, phone, event, email, letter
    /// A reply to a text message, as most FFT answers are collected by a survey supplier.
    case sms
    /// A tablet or kiosk on a ward or in a waiting room.
    case kiosk
    case imported = "import", api

    public var title: String {
        switch self {
        case .online: "Online form"
        case .paper: "Paper form"
        case .phone: "Phone call"
        case .event: "At an event"
        case .email: "E-mail"
        case .letter: "Letter"
        case .sms: "Text message"
        case .kiosk: "Tablet or kiosk"
        case .imported: "Imported file"
        case .api: "Another system, through the API"
        }
    }

    /// Channels staff record on someone's behalf.
    public static let staffEntered: [FeedbackChannel] = [.paper, .phone, .event, .email, .letter]
}
