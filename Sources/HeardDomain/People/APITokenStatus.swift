/// Whether an API token lets requests in, as the token lists say it. A token of a switched-off account is
/// refused like a revoked one, but comes back if the account is switched on again, so it is named apart.
public enum APITokenStatus: Sendable, Equatable {
    case active
    case revoked
    case accountSwitchedOff

    /// Past its last day: refused for good, like a revoked token.
    case expired

    /// Revoked wins: that is for good, whatever happens to the account; then a token past its last day
    /// (`lastDay` before `today`).
    public init(isRevoked: Bool, accountIsActive: Bool, lastDay: SimpleDate? = nil, today: SimpleDate? = nil) {
        if isRevoked {
            self = .revoked
        } else if let lastDay, let today, today > lastDay {
            self = .expired
        } else {
            self = accountIsActive ? .active : .accountSwitchedOff
        }
    }

    public var title: String {
        switch self {
        case .active: "Active"
        case .revoked: "Revoked"
        case .accountSwitchedOff: "Account switched off"
        case .expired: "Expired"
        }
    }
}
