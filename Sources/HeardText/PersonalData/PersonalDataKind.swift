/// A kind of personal data the redactor recognises.
public enum PersonalDataKind: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
    case email
    case phone
    case postcode
    case nhsNumber = "nhs_number"
    case name
    case address
    case dateOfBirth = "date_of_birth"

    /// Plain-English title for reports and the web app.
    public var title: String {
        switch self {
        case .email: "E-mail address"
        case .phone: "Phone number"
        case .postcode: "Postcode"
        case .nhsNumber: "NHS number"
        case .name: "Name"
        case .address: "Street address"
        case .dateOfBirth: "Date of birth"
        }
    }

    /// The title inside a sentence: "phone number", but still "NHS number".
    public var phrase: String { self == .nhsNumber ? title : title.lowercased() }

    /// The typed placeholder that replaces the data in redacted text.
    public var placeholder: String {
        switch self {
        case .email: "[email]"
        case .phone: "[phone]"
        case .postcode: "[postcode]"
        case .nhsNumber: "[NHS number]"
        case .name: "[name]"
        case .address: "[address]"
        case .dateOfBirth: "[date of birth]"
        }
    }

    public var description: String { rawValue }

    var bit: UInt8 {
        switch self {
        case .email: 1
        case .phone: 2
        case .postcode: 4
        case .nhsNumber: 8
        case .name: 16
        case .address: 32
        case .dateOfBirth: 64
        }
    }
}

/// A compact set of personal-data kinds, so the hot path records what it found without allocating.
public struct PersonalDataKinds: Sendable, Hashable {
    public private(set) var rawValue: UInt8

    public init() { rawValue = 0 }

    public mutating func insert(_ kind: PersonalDataKind) { rawValue |= kind.bit }
    public func contains(_ kind: PersonalDataKind) -> Bool { rawValue & kind.bit != 0 }
    public var isEmpty: Bool { rawValue == 0 }

    /// The kinds in a fixed order (the declaration order of `PersonalDataKind`).
    public var kinds: [PersonalDataKind] { PersonalDataKind.allCases.filter { contains($0) } }
}
