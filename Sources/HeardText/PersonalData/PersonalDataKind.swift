/// A kind of personal data the redactor recognises.
public enum PersonalDataKind: String, Sendable, Codable, Hashable, CaseIterable, CustomStringConvertible {
    case email
    case phone
    case postcode
    case nhsNumber = "nhs_number"
    case name
    case address
    case dateOfBirth = "date_of_birth"
    case nationalInsuranceNumber = "ni_number"
    case hospitalNumber = "hospital_number"
    case socialMedia = "social_media"

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
        case .nationalInsuranceNumber: "National Insurance number"
        case .hospitalNumber: "Hospital number"
        case .socialMedia: "Social media handle or link"
        }
    }

    /// The title inside a sentence: "phone number", but still "NHS number" and "National Insurance number".
    public var phrase: String {
        switch self {
        case .nhsNumber, .nationalInsuranceNumber: title
        default: title.lowercased()
        }
    }

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
        case .nationalInsuranceNumber: "[NI number]"
        case .hospitalNumber: "[hospital number]"
        case .socialMedia: "[social media]"
        }
    }

    public var description: String { rawValue }

    var bit: UInt16 {
        switch self {
        case .email: 1
        case .phone: 2
        case .postcode: 4
        case .nhsNumber: 8
        case .name: 16
        case .address: 32
        case .dateOfBirth: 64
        case .nationalInsuranceNumber: 128
        case .hospitalNumber: 256
        case .socialMedia: 512
        }
    }
}

/// A compact set of personal-data kinds, so the hot path records what it found without allocating.
public struct PersonalDataKinds: Sendable, Hashable {
    public private(set) var rawValue: UInt16

    public init() { rawValue = 0 }

    public mutating func insert(_ kind: PersonalDataKind) { rawValue |= kind.bit }
    public func contains(_ kind: PersonalDataKind) -> Bool { rawValue & kind.bit != 0 }
    public var isEmpty: Bool { rawValue == 0 }

    /// The kinds in a fixed order (the declaration order of `PersonalDataKind`).
    public var kinds: [PersonalDataKind] { PersonalDataKind.allCases.filter { contains($0) } }
}
