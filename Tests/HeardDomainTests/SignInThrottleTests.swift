import Testing

@testable import HeardDomain

@Suite("Sign-in throttling")
struct SignInThrottleTests {
    let throttle = SignInThrottle(maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 20, window: 900)

    @Test("four failures are allowed, the fifth locks for the window")
    func locksAfterFive() {
        let four = (0..<4).map { SignInThrottle.Attempt(at: Double($0), succeeded: false) }
        #expect(throttle.decide(accountAttempts: four, addressFailures: [], now: 10) == .allowed)
        let five = four + [SignInThrottle.Attempt(at: 5, succeeded: false)]
        #expect(throttle.decide(accountAttempts: five, addressFailures: [], now: 10) == .locked(until: 905))
    }

    @Test("old failures and failures before a success do not count")
    func windowAndSuccessReset() {
        let old = (0..<5).map { SignInThrottle.Attempt(at: Double($0), succeeded: false) }
        #expect(throttle.decide(accountAttempts: old, addressFailures: [], now: 2000) == .allowed)
        let reset = old + [SignInThrottle.Attempt(at: 6, succeeded: true), .init(at: 7, succeeded: false)]
        #expect(throttle.decide(accountAttempts: reset, addressFailures: [], now: 10) == .allowed)
    }

    @Test("many failures from one address lock that address")
    func addressLock() {
        let failures = (0..<20).map(Double.init)
        #expect(throttle.decide(accountAttempts: [], addressFailures: failures, now: 30) == .locked(until: 919))
    }

    @Test("an account that signed in from the address recently is spared the address lock, not its own")
    func knownAddress() {
        let failures = (0..<20).map(Double.init)
        #expect(
            throttle.decide(accountAttempts: [], addressFailures: failures, knownAtAddress: true, now: 30) == .allowed)
        let own = (0..<5).map { SignInThrottle.Attempt(at: Double($0), succeeded: false) }
        #expect(
            throttle.decide(accountAttempts: own, addressFailures: failures, knownAtAddress: true, now: 30)
                == .locked(until: 904))
        // Failures from elsewhere do not count against it where it is known.
        let elsewhere = (0..<5).map { SignInThrottle.Attempt(at: Double($0), succeeded: false, atThisAddress: false) }
        #expect(
            throttle.decide(accountAttempts: elsewhere, addressFailures: [], knownAtAddress: true, now: 30) == .allowed)
        #expect(
            throttle.decide(accountAttempts: elsewhere, addressFailures: [], knownAtAddress: false, now: 30)
                == .locked(until: 904))
    }
}

@Suite("Input rules")
struct InputRuleTests {
    @Test("e-mail addresses are normalised and checked plainly")
    func email() {
        #expect(EmailAddress.normalised("  Ann@Example.NHS.uk ") == "ann@example.nhs.uk")
        #expect(EmailAddress.isPlausible("ann@example.nhs.uk"))
        for bad in ["", "ann", "ann@", "@example.com", "ann@example", "ann smith@example.com", "a@b@c.com", "ann@.com"]
        {
            #expect(!EmailAddress.isPlausible(bad), "\(bad)")
        }
    }

    @Test("slugs are lower-case words joined by hyphens")
    func slugs() throws {
        #expect(Slug.make("Bradford District & Craven") == "bradford-district-craven")
        #expect(Slug.make("  Kirklees ") == "kirklees")
        // Accents are dropped, not the letters.
        #expect(Slug.make("Café Town") == "cafe-town")
        #expect(Slug.make("Ynys Môn") == "ynys-mon")
        #expect(Slug.make("Ælfheim Søndre Straße") == "aelfheim-sondre-strasse")
        // A name it cannot spell still gets an address of its own.
        #expect(Slug.make("東京") == "")
        let tokyo = Slug.make("東京", orPrefix: "place")
        #expect(tokyo.hasPrefix("place-") && tokyo.count == 14)
        #expect(Slug.make("!!!", orPrefix: "place") != tokyo)
        #expect(Slug.make("!!!", orPrefix: "place") == Slug.make("!!!", orPrefix: "place"))
        #expect(try PlaceInput(name: "Leeds").validated().slug == "leeds")
    }

    @Test("an organisation needs a name and a known kind; the ODS code is optional")
    func organisationInput() throws {
        let valid = try OrganisationInput(name: " Leeds Trust ", kind: "trust", odsCode: "rr8").validated()
        #expect(valid.name == "Leeds Trust")
        #expect(valid.odsCode == "RR8")
        #expect(throws: ValidationFailure.self) { try OrganisationInput(name: "", kind: "trust").validated() }
        do {
            _ = try OrganisationInput(name: "", kind: "rocket", odsCode: "not valid!").validated()
        } catch {
            #expect(error.errors.map(\.field) == ["name", "kind", "ods_code"])
        }
    }

    @Test("staff areas: administrators manage reference data, involved people only their own page")
    func areas() {
        #expect(StaffArea.referenceData.allows(.administrator))
        #expect(!StaffArea.referenceData.allows(.moderator))
        #expect(!StaffArea.dashboard.allows(.involvedPerson))
        #expect(StaffArea.involvement.allows(.involvedPerson))
        #expect(Role.involvedPerson.homeArea == .involvement)
    }
}
