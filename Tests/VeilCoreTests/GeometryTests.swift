import Testing
import VeilCore

@Suite struct GeometryTests {
    @Test func iouOfIdenticalRectsIsOne() {
        let rect = Rect(x: 10, y: 10, width: 20, height: 40)
        #expect(rect.iou(rect) == 1)
    }

    @Test func iouOfDisjointRectsIsZero() {
        #expect(Rect(x: 0, y: 0, width: 10, height: 10).iou(Rect(x: 20, y: 0, width: 10, height: 10)) == 0)
    }

    @Test func iouOfHalfOverlap() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        let b = Rect(x: 5, y: 0, width: 10, height: 10)
        #expect(abs(a.iou(b) - 50.0 / 150.0) < 1e-12)
    }

    @Test func dilationGrowsEverySide() {
        let grown = Rect(x: 100, y: 100, width: 40, height: 20).dilated(by: 0.25)
        #expect(grown == Rect(x: 90, y: 95, width: 60, height: 30))
    }

    @Test func clampingKeepsOnlyTheVisiblePart() {
        let clamped = Rect(x: -10, y: 700, width: 50, height: 50).clamped(to: Size(width: 1280, height: 720))
        #expect(clamped == Rect(x: 0, y: 700, width: 40, height: 20))
    }

    @Test func polygonContainment() {
        let triangle = Polygon([Point(x: 0, y: 0), Point(x: 100, y: 0), Point(x: 0, y: 100)])
        #expect(triangle.contains(Point(x: 10, y: 10)))
        #expect(!triangle.contains(Point(x: 80, y: 80)))
        #expect(triangle.boundingRect == Rect(x: 0, y: 0, width: 100, height: 100))
    }

    @Test func i420BufferLendsPlanesOfTheRightSize() {
        let buffer = YUV420Buffer(width: 5, height: 3, bytes: [UInt8](repeating: 7, count: 15 + 2 * 6))
        buffer.withPlanes { image in
            #expect(image.u.width == 3 && image.u.height == 2)
            #expect(image.v.base[5] == 7)
        }
    }
}

@Suite struct CredentialRedactionTests {
    @Test func removesUserAndPassword() {
        #expect(redactingCredentials("rtsp://admin:s3cr3t@10.0.0.5:554/stream1") == "rtsp://***@10.0.0.5:554/stream1")
    }

    @Test func passwordContainingAtSignIsRemovedWhole() {
        #expect(redactingCredentials("rtsps://op:p@ss@cam/x") == "rtsps://***@cam/x")
    }

    @Test func leavesPlainLocationsAlone() {
        #expect(redactingCredentials("rtsp://cam.local/live?user=a@b") == "rtsp://cam.local/live?user=a@b")
        #expect(redactingCredentials("/data/in.mp4") == "/data/in.mp4")
    }
}
