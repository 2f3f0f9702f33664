/// The rule that slows down password guessing. Pure: the caller supplies recent attempts.
///
/// Failures are counted per account (to protect one person) and per network address
/// (to stop one machine trying many accounts). A success clears the per-account count.
///
/// A hospital's or council's staff often share one public address behind their network's gateway, so one
/// person's typing, or a guessing tool inside that network, would otherwise lock out every colleague. The
/// address count therefore does not stop an account that signed in successfully from that same address
/// recently: such an account is still protected by its own count of five. And since anyone can type a wrong
/// password for any e-mail address, at an address the account is known at only the failures from there count
/// against it: guesses from elsewhere lock the guesser out, not the person at their usual desk.
public struct SignInThrottle: Sendable {
    public var maximumFailuresPerAccount: Int
    public var maximumFailuresPerAddress: Int
    /// How far back failures count, and how long a lock-out lasts, in seconds.
    public var window: Double
    /// How long a successful sign-in from an address makes that address known for the account, in seconds.
    public var knownAddressWindow: Double

    public init(
        maximumFailuresPerAccount: Int = 5, maximumFailuresPerAddress: Int = 20, window: Double = 15 * 60,
        knownAddressWindow: Double = 30 * 24 * 60 * 60
    ) {
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
        self.window = window
        self.knownAddressWindow = knownAddressWindow
    }

    public struct Attempt: Sendable {
        public var at: Double
        public var succeeded: Bool
        /// Made from the address of the attempt being decided.
        public var atThisAddress: Bool
        public init(at: Double, succeeded: Bool, atThisAddress: Bool = true) {
            self.at = at
            self.succeeded = succeeded
            self.atThisAddress = atThisAddress
        }
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        /// Locked until the given time (seconds since 1970).
        case locked(until: Double)
    }

    /// - Parameters:
    ///   - accountAttempts: attempts for this e-mail address within `window`, any order.
    ///   - addressFailures: the times of failures from this network address within `window`.
    ///   - knownAtAddress: the account signed in successfully from this address within `knownAddressWindow`.
    public func decide(
        accountAttempts: [Attempt], addressFailures: [Double], knownAtAddress: Bool = false, now: Double
    ) -> Decision {
        let recent = accountAttempts.filter { now - $0.at < window && (!knownAtAddress || $0.atThisAddress) }
            .sorted { $0.at < $1.at }
        let sinceLastSuccess = recent.lastIndex(where: \.succeeded).map { recent[(recent.index(after: $0))...] }
        let failures = (sinceLastSuccess.map(Array.init) ?? recent).filter { !$0.succeeded }
        if failures.count >= maximumFailuresPerAccount, let last = failures.last {
            return .locked(until: last.at + window)
        }
        if knownAtAddress { return .allowed }
        let addressRecent = addressFailures.filter { now - $0 < window }.sorted()
        if addressRecent.count >= maximumFailuresPerAddress, let last = addressRecent.last {
            return .locked(until: last + window)
        }
        return .allowed
    }
}
