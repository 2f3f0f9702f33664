import HeardDomain
import Testing

@Suite("Activity start and end times")
struct ActivityTimeTests {
    @Test("24-hour times are read and said as people say them")
    func readAndSaid() throws {
        #expect(try #require(ActivityTime("18:00")).spoken == "6pm")
        #expect(try #require(ActivityTime("9:30")).text == "09:30")
        #expect(try #require(ActivityTime("09:30")).spoken == "9:30am")
        #expect(try #require(ActivityTime("12:00")).spoken == "midday")
        #expect(try #require(ActivityTime("00:00")).spoken == "midnight")
        #expect(try #require(ActivityTime("12:15")).spoken == "12:15pm")
        for bad in ["24:00", "6pm", "18", "18:60", "18:5", "-1:00", "１８:００", "", "18:00:00"] {
            #expect(ActivityTime(bad) == nil, "\(bad)")
        }
    }

    @Test("when an activity happens: weekday, date and times, or the date alone as before")
    func when() {
        let day = SimpleDate(year: 2027, month: 1, day: 19)
        #expect(ActivityTime.when(day, starts: "18:00", ends: "20:00") == "Tuesday 19 January 2027, 6pm to 8pm")
        #expect(ActivityTime.when(day, starts: "10:30", ends: nil) == "Tuesday 19 January 2027, 10:30am")
        #expect(ActivityTime.when(day, starts: nil, ends: nil) == "19 January 2027")
    }

    @Test("the activity form checks the times: 24-hour, an end needs a start, and the end comes after it")
    func validation() throws {
        let today = SimpleDate(year: 2026, month: 12, day: 5)
        func errors(_ start: String, _ end: String) -> [String] {
            let input = ActivityInput(
                title: "Drop-in", kind: "public_event", placeID: "x", date: "2027-01-19", venue: "Town hall",
                attendees: "0", startTime: start, endTime: end)
            do {
                _ = try input.validated(today: today)
                return []
            } catch { return error.errors.map { "\($0.field): \($0.message)" } }
        }
        #expect(errors("", "") == [])
        #expect(errors("18:00", "") == [])
        #expect(
            errors("6pm", "") == [
                "start_time: Enter the start time as a 24-hour time, for example 18:00, or leave it empty."
            ])
        #expect(
            errors("18:00", "8") == [
                "end_time: Enter the end time as a 24-hour time, for example 20:00, or leave it empty."
            ])
        #expect(
            errors("", "20:00") == [
                "start_time: Enter the start time as well as the end time, or leave both empty."
            ])
        #expect(
            errors("18:00", "08:00") == [
                "end_time: The end time must be after the start time, 18:00. For an evening event use 24-hour times, for example 18:00 to 20:00."
            ])
        #expect(errors("18:00", "18:00").count == 1)
        let valid = try ActivityInput(
            title: "Drop-in", kind: "public_event", placeID: "x", date: "2027-01-19", venue: "Town hall",
            attendees: "0", startTime: " 9:00 ", endTime: "11:30"
        ).validated(today: today)
        #expect(valid.startTime == "09:00" && valid.endTime == "11:30")
    }
}
