import Vapor

/// Every route of board meetings: the public agenda and minutes, and the board secretary's pages (`boards`: the
/// staff routes guarded for the boards area).
func registerMeetingRoutes(browser: any RoutesBuilder, boards: any RoutesBuilder) {
    browser.get("boards", ":id", "meetings", ":meeting", use: PublicMeetingsController.show)
    browser.get("boards", ":id", "meetings", ":meeting", "minutes.txt", use: MinutesController.publicText)
    browser.get("boards", ":id", "meetings", ":meeting", "minutes.html", use: MinutesController.publicHTML)

    boards.post("boards", ":id", "meetings", use: MeetingsController.create)
    boards.get("meetings", ":id", use: MeetingsController.show)
    boards.post("meetings", ":id", use: MeetingsController.update)
    boards.post("meetings", ":id", "items", use: MeetingsController.addItem)
    boards.post("meetings", ":id", "items", ":item", "up", use: MeetingsController.moveUp)
    boards.post("meetings", ":id", "items", ":item", "remove", use: MeetingsController.removeItem)
    boards.post("meetings", ":id", "items", ":item", "paper-meeting", use: MeetingsController.putMeetingOnPaper)
    boards.post("meetings", ":id", "declarations", use: MeetingsController.saveDeclarations)
    boards.post("meetings", ":id", "attendance", use: MeetingsController.saveAttendance)
    boards.post("meetings", ":id", "publish", use: MeetingsController.publish)
    boards.get("meetings", ":id", "minutes", use: MinutesController.show)
    boards.post("meetings", ":id", "minutes", use: MinutesController.saveNotes)
    boards.post("meetings", ":id", "minutes", "approve", use: MinutesController.approve)
    boards.get("meetings", ":id", "minutes.txt", use: MinutesController.staffText)
    boards.get("meetings", ":id", "minutes.html", use: MinutesController.staffHTML)
}
