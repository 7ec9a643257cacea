#pragma once

// What tst_hubstate and tst_hubstatethreads share: the in-process API over the
// file-backed test backend (ApiTestFixture), with the database's clock (handshake
// ages, online/stale) moved by hand; requests on raw sockets; and what a device
// delta must hold, read from a snapshot's own rows and tombstones.

#include "ApiTestFixture.h"
#include "HubState.h"
#include "RawClient.h"
#include "TestKeys.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

#include <atomic>
#include <memory>

namespace fvpn::testing {

inline IpAddress host(int i)
{
    return IpAddress::parse(QStringLiteral("10.42.42.%1").arg(i)).value();
}

inline QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

inline QSet<QString> deviceKeysOf(const QJsonObject &answer)
{
    QSet<QString> keys;
    const QJsonArray devices = answer.value(u"devices").toArray();
    for (const QJsonValue &d : devices)
        keys.insert(d.toObject().value(u"public_key").toString());
    return keys;
}

inline QSet<QString> removedKeysOf(const QJsonObject &answer)
{
    QSet<QString> keys;
    const QJsonArray removed = answer.value(u"removed").toArray();
    for (const QJsonValue &k : removed)
        keys.insert(k.toString());
    return keys;
}

// What a delta since `since` must hold, from the snapshot's own rows and tombstones.
inline QSet<QString> rowsAfter(const ApiSnapshot &s, quint64 since)
{
    QSet<QString> keys;
    for (const DeviceRow &row : *s.devices) {
        if (row.revision > since)
            keys.insert(row.key.toBase64());
    }
    return keys;
}

inline QSet<QString> removalsAfter(const ApiSnapshot &s, quint64 since)
{
    QSet<QString> keys;
    for (auto it = s.removedDevices->cbegin(); it != s.removedDevices->cend(); ++it) {
        if (it.value() > since)
            keys.insert(it.key().toBase64());
    }
    return keys;
}

class HubStateFixture : public QObject
{
protected:
    std::unique_ptr<ApiTestFixture> m_fixture;
    std::atomic<qint64> m_nowMs { 0 };

    HubState &state() { return m_fixture->api().state(); }
    FileHubBackend &backend() { return m_fixture->backend(); }
    qint64 nowSecs() const { return m_nowMs.load() / 1000; }
    void advanceSecs(qint64 secs) { m_nowMs += secs * 1000; }
    std::shared_ptr<const ApiSnapshot> refreshed()
    {
        state().refresh();
        return state().snapshot();
    }
    // One request on its own connection, from this thread: a raw socket rather than
    // QNetworkAccessManager, whose own thread would only add Qt's internals to the
    // ThreadSanitizer run. Status 0 when no complete answer came.
    RawResponse call(quint16 port, const QByteArray &method, const QString &path,
                     const HeaderList &headers = {}, const QByteArray &body = {})
    {
        RawClient client(port);
        if (!QTest::qWaitFor([&client] { return client.connected; }, 15'000))
            return {};
        QByteArray raw
            = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        for (const auto &[name, value] : headers)
            raw += name + ": " + value + "\r\n";
        if (method != "GET")
            raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        client.send(raw + "\r\n" + body);
        (void)QTest::qWaitFor([&client] { return client.closed || client.responses() >= 1; }, 15'000);
        const RawResponse answer = client.first();
        return answer.complete ? answer : RawResponse();
    }
    RawResponse adminGet(const QString &path, HeaderList headers = {})
    {
        headers.append({ "Authorization", "Bearer " + m_fixture->token().toLatin1() });
        return call(m_fixture->adminPort(), "GET", path, headers);
    }

    // init() and cleanup() of the tests.
    void startFixture()
    {
        m_fixture = std::make_unique<ApiTestFixture>();
        QVERIFY(m_fixture->ok());
        // The state's clock (handshake ages, online/stale) is the database's: moved by hand here.
        m_nowMs = QDateTime::currentMSecsSinceEpoch();
        m_fixture->api().database().setClock([this] { return m_nowMs.load(); });
        state().refresh();
    }
    void stopFixture() { m_fixture.reset(); }
};

} // namespace fvpn::testing
