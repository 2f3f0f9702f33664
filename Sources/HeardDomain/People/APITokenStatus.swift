/// Whether an API token lets requests in, as the token lists say it. A token of a switched-off account is
/// refused like a revoked one, but comes back if the account is switched on again, so it is named apart.
public enum APITokenStatus: Sendable, Equatable {
    case active
    case revoked
    case accountSwitchedOff

    /// Revoked wins: that is for good, whatever happens to the account.
    public init(isRevoked: Bool, accountIsActive: Bool) {
        self = isRevoked ? .revoked : accountIsActive ? .active : .accountSwitchedOff
    }

    public var title: String {
        switch self {
        case .active: "Active"
        case .revoked: "Revoked"
        case .accountSwitchedOff: "Account switched off"
        }
    }
}
