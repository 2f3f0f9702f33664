import HeardDomain
import Testing

@Suite("Event sign-up rules")
struct EventSignupRulesTests {
    static let good = EventSignupInput(
        name: " Maya Patel ", email: " Maya@Example.org ", phone: "", people: "2", accessNeeds: " BSL ")

    @Test("a good sign-up is trimmed, its address lower-cased, and empty contact details become nil")
    func valid() throws {
        let valid = try Self.good.validated(placesLeft: nil)
        #expect(valid.name == "Maya Patel" && valid.email == "maya@example.org" && valid.phone == nil)
        #expect(valid.people == 2 && valid.accessNeeds == "BSL")
        var byPhone = Self.good
        byPhone.email = ""
        byPhone.phone = "07700 900 982"
        #expect(try byPhone.validated(placesLeft: 2).phone == "07700 900 982")
    }

    @Test(
        "each problem names its field",
        arguments: [
            (EventSignupInput(name: "", email: "a@b.org"), "name"),
            (EventSignupInput(name: "Maya", email: "", phone: ""), "email"),
            (EventSignupInput(name: "Maya", email: "not-an-address"), "email"),
            (EventSignupInput(name: "Maya", phone: "0800 CALL ME"), "phone"),
            (EventSignupInput(name: "Maya", phone: "123"), "phone"),
            (EventSignupInput(name: "Maya", email: "a@b.org", people: "0"), "people"),
            (EventSignupInput(name: "Maya", email: "a@b.org", people: "11"), "people"),
            (EventSignupInput(name: "Maya", email: "a@b.org", people: ""), "people"),
            (
                EventSignupInput(name: "Maya", email: "a@b.org", accessNeeds: String(repeating: "x", count: 1001)),
                "access_needs"
            ),
        ])
    func problems(_ input: EventSignupInput, _ field: String) {
        #expect(throws: ValidationFailure.self) { try input.validated(placesLeft: nil) }
        do {
            _ = try input.validated(placesLeft: nil)
        } catch {
            #expect(error.errors.map(\.field) == [field])
        }
    }

    @Test("more people than places left is refused with how many are left; exactly enough is fine")
    func placesLeft() throws {
        #expect(try Self.good.validated(placesLeft: 2).people == 2)
        do {
            _ = try Self.good.validated(placesLeft: 1)
            Issue.record("accepted 2 people for 1 place")
        } catch {
            #expect(error.message(for: "people")?.contains("There is only 1 place left") == true)
        }
    }

    @Test("places left never go below zero; no capacity means no limit")
    func places() {
        #expect(EventPlaces.left(capacity: nil, taken: 40) == nil)
        #expect(EventPlaces.left(capacity: 10, taken: 4) == 6)
        #expect(EventPlaces.left(capacity: 10, taken: 12) == 0)
    }

    @Test("sign-ups close the day after the event, or when it is cancelled")
    func closing() {
        let day = SimpleDate(year: 2026, month: 12, day: 10)
        #expect(EventPlaces.closedReason(date: day, today: day, cancelled: false) == nil, "open on the day")
        #expect(EventPlaces.closedReason(date: day, today: day.adding(days: 1), cancelled: false) != nil)
        #expect(
            EventPlaces.closedReason(date: day, today: day.adding(days: -5), cancelled: true)
                == "This event has been cancelled, so sign-ups have closed.")
    }
}
