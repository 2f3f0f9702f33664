/// The relational side of care: how people were treated, not only what was done.
public enum RelationalFlag: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
    case compassion
    case dignity
    case listening
    case coordination

    /// Plain-English title for reports and the web app.
    public var title: String {
        switch self {
        case .compassion: "Compassion and kindness"
        case .dignity: "Dignity and respect"
        case .listening: "Being listened to and involved"
        case .coordination: "Coordination between services"
        }
    }

    public var description: String { rawValue }
}
