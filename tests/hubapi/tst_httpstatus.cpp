#include "ApiError.h"
#include "HttpStatus.h"

#include <QtTest>

using namespace fvpn;

namespace {

// Every ErrorCode. The switch has no default, so a code added to the enum but not
// here breaks the build (-Wswitch is an error) instead of slipping past the test.
QList<ErrorCode> allErrorCodes()
{
    QList<ErrorCode> codes;
    for (int i = 0;; ++i) {
        const auto code = ErrorCode(i);
        switch (code) {
        case ErrorCode::InvalidInput:
        case ErrorCode::NotFound:
        case ErrorCode::Conflict:
        case ErrorCode::PreconditionFailed:
        case ErrorCode::Exhausted:
        case ErrorCode::Unavailable:
        case ErrorCode::PermissionDenied:
        case ErrorCode::IoError:
            codes.append(code);
            continue;
        case ErrorCode::Internal:
            codes.append(code);
            return codes;
        }
        return codes;
    }
}

} // namespace

class TestHttpStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyErrorCodeRoundTrips_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("withLines");
        for (ErrorCode code : allErrorCodes()) {
            QTest::newRow(qPrintable(errorCodeName(code))) << int(code) << false;
            QTest::newRow(qPrintable(errorCodeName(code) + QStringLiteral(" with line errors")))
                << int(code) << true;
        }
    }

    // The hub turns an ErrorCode into a status and a code string; the clients must
    // get the same ErrorCode back from them.
    void everyErrorCodeRoundTrips()
    {
        QFETCH(int, code);
        QFETCH(bool, withLines);
        Error error = makeError(ErrorCode(code), QStringLiteral("something"));
        if (withLines)
            error.lineErrors = { { 3, QStringLiteral("bad line") } };
        const ApiError sent = ApiError::fromError(error);
        QVERIFY2(sent.status >= 400 && sent.status < 600, qPrintable(QString::number(sent.status)));
        QCOMPARE(int(HttpStatus::toErrorCode(sent.status, sent.code)), code);
    }

    // Where the hub's mapping is 1:1 the status alone is enough (a proxy may have
    // replaced the body); only statuses that two codes share need the body's code.
    void statusAloneWhereTheMappingIsOneToOne()
    {
        QMultiHash<int, ErrorCode> byStatus;
        for (ErrorCode code : allErrorCodes())
            byStatus.insert(ApiError::fromError(makeError(code, QString())).status, code);
        int shared = 0;
        for (int status : byStatus.uniqueKeys()) {
            const QList<ErrorCode> codes = byStatus.values(status);
            if (codes.size() == 1) {
                QCOMPARE(int(HttpStatus::toErrorCode(status)), int(codes.first()));
            } else {
                ++shared;
                // Without the body's word the more general reading wins.
                QVERIFY(codes.contains(HttpStatus::toErrorCode(status)));
            }
        }
        // Only 500 (io_error / internal) is shared today; a second shared status
        // means the hub lost a distinction the clients relied on.
        QCOMPARE(shared, 1);
        QCOMPARE(HttpStatus::toErrorCode(500), ErrorCode::Internal);
    }

    void transportAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("apiCode");
        QTest::addColumn<int>("expected");
        const ApiError unauthorized = ApiError::unauthorized(QStringLiteral("x"));
        QTest::newRow("401") << unauthorized.status << unauthorized.code << int(ErrorCode::PermissionDenied);
        const ApiError noRoute = ApiError::routeNotFound();
        QTest::newRow("404 route") << noRoute.status << noRoute.code << int(ErrorCode::NotFound);
        const ApiError method = ApiError::methodNotAllowed("GET");
        QTest::newRow("405") << method.status << method.code << int(ErrorCode::Internal);
        // What the HTTP server refuses by itself (ApiError::fromStatus).
        const QList<QPair<int, ErrorCode>> guard {
            { 400, ErrorCode::InvalidInput }, { 408, ErrorCode::Unavailable },
            { 411, ErrorCode::Internal },     { 413, ErrorCode::InvalidInput },
            { 414, ErrorCode::InvalidInput }, { 415, ErrorCode::InvalidInput },
            { 417, ErrorCode::InvalidInput }, { 431, ErrorCode::InvalidInput },
            { 501, ErrorCode::Internal },     { 505, ErrorCode::Internal }
        };
        for (const auto &[status, code] : guard) {
            const ApiError sent = ApiError::fromStatus(status, QStringLiteral("x"));
            QTest::newRow(qPrintable(QStringLiteral("guard %1").arg(status)))
                << sent.status << sent.code << int(code);
        }
        // PUT /clients-file without If-Match: the request is incomplete; nobody else
        // changed the file, so it must not read as PreconditionFailed (which makes
        // the admin view fetch the other version to merge).
        QTest::newRow("428") << 428 << QStringLiteral("precondition_required")
                             << int(ErrorCode::InvalidInput);
        // Proxies in front of the hub, without the hub's body.
        QTest::newRow("502") << 502 << QString() << int(ErrorCode::Unavailable);
        QTest::newRow("504") << 504 << QString() << int(ErrorCode::Unavailable);
        QTest::newRow("other 4xx") << 418 << QString() << int(ErrorCode::InvalidInput);
        QTest::newRow("other 5xx") << 507 << QString() << int(ErrorCode::Internal);
        QTest::newRow("not an error") << 302 << QString() << int(ErrorCode::Internal);
        // The body's word never overrides a status it does not belong to.
        QTest::newRow("io_error on 503") << 503 << QStringLiteral("io_error") << int(ErrorCode::Unavailable);
        QTest::newRow("unknown word on 500")
            << 500 << QStringLiteral("something_else") << int(ErrorCode::Internal);
    }

    void transportAnswers()
    {
        QFETCH(int, status);
        QFETCH(QString, apiCode);
        QFETCH(int, expected);
        QCOMPARE(int(HttpStatus::toErrorCode(status, apiCode)), expected);
    }
};

QTEST_GUILESS_MAIN(TestHttpStatus)
#include "tst_httpstatus.moc"
