#include "HostileInputs.h"

#include "TestKeys.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QByteArray registration(const QString &key, const QString &name,
                        const QString &hostname = QStringLiteral("laptop"),
                        const QString &os = QStringLiteral("Linux"))
{
    return QJsonDocument(QJsonObject { { QStringLiteral("public_key"), key },
                                       { QStringLiteral("name"), name },
                                       { QStringLiteral("hostname"), hostname },
                                       { QStringLiteral("os"), os } })
        .toJson(QJsonDocument::Compact);
}

QByteArray reg(const QString &name)
{
    return registration(QStringLiteral("{KEY}"), name);
}

} // namespace

QList<HostileCase> hostileCases()
{
    const QString regs = QStringLiteral("/api/v1/registrations");
    const QByteArray json = "application/json";
    const QString approve = QStringLiteral("/api/v1/requests/{PENDING_ID}/approve");
    const QString reject = QStringLiteral("/api/v1/requests/{PENDING_ID}/reject");
    const QString file = QStringLiteral("/api/v1/clients-file");
    const QByteArray goodLine = "{KEY} 10.42.42.60 carol\n";
    return {
        // --- registration: keys
        { "key too short", false, "POST", regs, json,
          registration(QStringLiteral("abc"), QStringLiteral("A")), 400 },
        { "key 43 chars", false, "POST", regs, json, registration(QString(43, u'A'), QStringLiteral("A")),
          400 },
        { "key with space", false, "POST", regs, json,
          registration(QStringLiteral("AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAA="), QStringLiteral("A")),
          400 },
        { "all-zero key", false, "POST", regs, json,
          registration(QString(43, u'A') + u'=', QStringLiteral("A")), 400 },
        { "url-safe key", false, "POST", regs, json,
          registration(QStringLiteral("-_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), QStringLiteral("A")),
          400 },
        { "key as array", false, "POST", regs, json,
          R"({"public_key":["x"],"name":"A","hostname":"h","os":"Linux"})", 400 },
        { "private key sent", false, "POST", regs, json,
          R"({"public_key":"{KEY}","private_key":"{KEY}","name":"A","hostname":"h","os":"Linux"})", 400 },
        // --- registration: evidence
        { "name with newline", false, "POST", regs, json, reg(QStringLiteral("Alice\nroot ALL=(ALL) ALL")),
          400 },
        { "name with CR", false, "POST", regs, json, reg(QStringLiteral("Alice\rBob")), 400 },
        { "name with NUL", false, "POST", regs, json,
          reg(QStringLiteral("Al") + QChar(0) + QStringLiteral("ice")), 400 },
        { "name with escape", false, "POST", regs, json, reg(QStringLiteral("\x1b[2JAlice")), 400 },
        { "name with bidi override", false, "POST", regs, json, reg(QStringLiteral("Alice\u202Eexe")), 400 },
        { "name too long", false, "POST", regs, json, reg(QString(300, u'n')), 400 },
        { "empty name", false, "POST", regs, json, reg(QString()), 400 },
        { "name as number", false, "POST", regs, json,
          R"({"public_key":"{KEY}","name":5,"hostname":"h","os":"L"})", 400 },
        { "hostname with space", false, "POST", regs, json,
          registration(QStringLiteral("{KEY}"), QStringLiteral("A"), QStringLiteral("my laptop")), 400 },
        { "hostname with newline", false, "POST", regs, json,
          registration(QStringLiteral("{KEY}"), QStringLiteral("A"), QStringLiteral("laptop\n10.0.0.1 evil")),
          400 },
        { "os with tab", false, "POST", regs, json,
          registration(QStringLiteral("{KEY}"), QStringLiteral("A"), QStringLiteral("h"),
                       QStringLiteral("Li\tnux")),
          400 },
        { "missing fields", false, "POST", regs, json, R"({"public_key":"{KEY}"})", 400 },
        { "unknown field", false, "POST", regs, json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","admin":true})", 400 },
        // --- registration: bodies
        { "not JSON", false, "POST", regs, json, "public_key={KEY}&name=A", 400 },
        { "JSON array", false, "POST", regs, json, "[]", 400 },
        { "truncated JSON", false, "POST", regs, json, R"({"public_key":"{KEY}","name":"Al)", 400 },
        { "empty body", false, "POST", regs, json, "", 400 },
        { "wrong content type", false, "POST", regs, "text/plain", reg(QStringLiteral("A")), 400 },
        { "invalid UTF-8", false, "POST", regs, json,
          "{\"public_key\":\"{KEY}\",\"name\":\"\xff\xfe\",\"hostname\":\"h\",\"os\":\"L\"}", 400 },
        { "oversized body", false, "POST", regs, json, "{\"pad\":\"" + QByteArray(70 * 1024, 'x') + "\"}",
          413 },
        // --- duplicate keys (issue 15): Qt's parser keeps the last one; every body refuses them
        { "registration with two names",
          false,
          "POST",
          regs,
          json,
          R"({"public_key":"{KEY}","name":"Alice","hostname":"h","os":"L","name":"Mallory"})",
          400,
          {},
          true,
          "'name' appears twice" },
        { "registration with two keys",
          false,
          "POST",
          regs,
          json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","public_key":"{HUB_KEY}"})",
          400,
          {},
          true,
          "'public_key' appears twice" },
        { "registration with an escaped duplicate",
          false,
          "POST",
          regs,
          json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","\u006fs":"M"})",
          400,
          {},
          true,
          "'os' appears twice" },
        { "registration with a nested duplicate",
          false,
          "POST",
          regs,
          json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","invite":{"a":1,"a":2}})",
          400,
          {},
          true,
          "'a' appears twice in 'invite'" },
        { "approve with two addresses",
          true,
          "POST",
          approve,
          json,
          R"({"address":"10.42.42.9","address":"10.42.42.10"})",
          400,
          {},
          true,
          "'address' appears twice" },
        { "reject with two reasons",
          true,
          "POST",
          reject,
          json,
          R"({"reason":"no","reason":"yes"})",
          400,
          {},
          true,
          "'reason' appears twice" },
        { "settings toggled twice",
          true,
          "PUT",
          QStringLiteral("/api/v1/settings"),
          json,
          R"({"device_to_device":false,"device_to_device":true})",
          400,
          {},
          true,
          "'device_to_device' appears twice" },
        { "invite with two use counts",
          true,
          "POST",
          QStringLiteral("/api/v1/invites"),
          json,
          R"({"max_uses":1,"max_uses":100})",
          400,
          {},
          true,
          "'max_uses' appears twice" },
        // --- registration: invites, polls, methods
        { "replayed invite", false, "POST", regs, json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","invite":"{USED_INVITE}"})", 403 },
        { "malformed invite", false, "POST", regs, json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","invite":"'; DROP TABLE invites; --"})",
          400 },
        { "unknown invite", false, "POST", regs, json,
          R"({"public_key":"{KEY}","name":"A","hostname":"h","os":"L","invite":"0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})",
          403 },
        { "poll without secret", false, "GET", regs + QStringLiteral("/{PENDING_ID}"), {}, {}, 401 },
        { "poll with wrong secret",
          false,
          "GET",
          regs + QStringLiteral("/{PENDING_ID}"),
          {},
          {},
          401,
          { { "Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } } },
        { "cancel with wrong secret",
          false,
          "DELETE",
          regs + QStringLiteral("/{PENDING_ID}"),
          {},
          {},
          401,
          { { "Authorization", "Bearer nope" } } },
        { "poll path traversal",
          false,
          "GET",
          regs + QStringLiteral("/..%2F..%2Fetc%2Fpasswd"),
          {},
          {},
          404,
          { { "Authorization", "Bearer x" } } },
        { "PUT on registrations", false, "PUT", regs, json, "{}", 405 },
        { "PATCH on health", false, "PATCH", QStringLiteral("/api/v1/health"), json, "{}", 405 },
        { "unknown path", false, "GET", QStringLiteral("/api/v2/health"), {}, {}, 404 },
        { "admin route on public listener", false, "GET", QStringLiteral("/api/v1/status"), {}, {}, 404 },
        // --- admin: tokens
        { "admin without token", true, "GET", QStringLiteral("/api/v1/requests"), {}, {}, 401, {}, false },
        { "admin with wrong token",
          true,
          "GET",
          QStringLiteral("/api/v1/requests"),
          {},
          {},
          401,
          { { "Authorization", "Bearer 0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } },
          false },
        { "approve without token", true, "POST", approve, json, "{}", 401, {}, false },
        // --- admin: approvals
        { "approve outside subnet", true, "POST", approve, json, R"({"address":"192.168.1.5"})", 400 },
        { "approve taken address", true, "POST", approve, json, R"({"address":"10.42.42.20"})", 409 },
        { "approve hub address", true, "POST", approve, json, R"({"address":"10.42.42.1"})", 409 },
        { "approve address with newline", true, "POST", approve, json, R"({"address":"10.42.42.9\n"})", 400 },
        { "approve address as number", true, "POST", approve, json, R"({"address":168430090})", 400 },
        { "approve unknown field", true, "POST", approve, json, R"({"address":"10.42.42.9","force":true})",
          400 },
        { "approve unknown request", true, "POST",
          QStringLiteral("/api/v1/requests/ffffffffffffffffffffffffffffffff/approve"), json, "{}", 404 },
        { "reject reason with newline", true, "POST", reject, json, R"({"reason":"no\nreally"})", 400 },
        { "reject without reason", true, "POST", reject, json, "{}", 400 },
        { "GET on approve", true, "GET", approve, {}, {}, 405 },
        // --- admin: clients file
        { "clients file stale ETag",
          true,
          "PUT",
          file,
          "text/plain",
          goodLine,
          412,
          { { "If-Match", "{STALE_ETAG}" } } },
        { "clients file without If-Match", true, "PUT", file, "text/plain", goodLine, 428 },
        { "clients file bad key",
          true,
          "PUT",
          file,
          "text/plain",
          "not-a-key 10.42.42.61 x\n",
          422,
          { { "If-Match", "*" } } },
        { "clients file outside subnet",
          true,
          "PUT",
          file,
          "text/plain",
          "{KEY} 10.9.9.9 x\n",
          422,
          { { "If-Match", "*" } } },
        { "clients file control character",
          true,
          "PUT",
          file,
          "text/plain",
          "{KEY} 10.42.42.62 a\x07"
          "b\n",
          422,
          { { "If-Match", "*" } } },
        { "clients file subnet as address",
          true,
          "PUT",
          file,
          "text/plain",
          "{KEY} 10.42.42.0/24 x\n",
          422,
          { { "If-Match", "*" } } },
        { "clients file duplicate address",
          true,
          "PUT",
          file,
          "text/plain",
          "{KEY} 10.42.42.63 a\n{KEY} 10.42.42.63 b\n",
          422,
          { { "If-Match", "*" } } },
        { "clients file as JSON", true, "PUT", file, json, "{}", 400, { { "If-Match", "*" } } },
        // Issue 15: WireGuard silently ignores a peer with the interface's own key.
        { "clients file with the hub's key",
          true,
          "PUT",
          file,
          "text/plain",
          goodLine + "{HUB_KEY} 10.42.42.64 sneaky\n",
          422,
          { { "If-Match", "*" } },
          true,
          "hub's own public key" },
        // --- admin: other
        { "revoke with bad key", true, "DELETE", QStringLiteral("/api/v1/clients/not-a-key"), {}, {}, 400 },
        { "settings wrong type", true, "PUT", QStringLiteral("/api/v1/settings"), json,
          R"({"device_to_device":"on"})", 400 },
        { "invite max_uses as string", true, "POST", QStringLiteral("/api/v1/invites"), json,
          R"({"max_uses":"5"})", 400 },
        { "audit bad limit", true, "GET", QStringLiteral("/api/v1/audit?limit=100000"), {}, {}, 400 },
        { "requests bad status",
          true,
          "GET",
          QStringLiteral("/api/v1/requests?status=everything"),
          {},
          {},
          400 },
    };
}

bool prepareHostileSetup(const Sender &send, const QString &token, HostileSetup *setup)
{
    const HeaderList auth { { "Authorization", "Bearer " + token.toLatin1() } };
    const HeaderList json { { "Content-Type", "application/json" } };
    // One client at 10.42.42.20.
    auto read = send(true, "GET", QStringLiteral("/api/v1/clients-file"), {}, auth);
    if (read.status != 200)
        return false;
    setup->staleEtag = read.headers.value("etag");
    auto written
        = send(true, "PUT", QStringLiteral("/api/v1/clients-file"),
               randomPublicKey().toBase64().toLatin1() + " 10.42.42.20 bob\n",
               auth + HeaderList { { "Content-Type", "text/plain" }, { "If-Match", setup->staleEtag } });
    if (written.status != 200)
        return false;
    // A pending request.
    auto pending = send(false, "POST", QStringLiteral("/api/v1/registrations"),
                        registration(randomPublicKey().toBase64(), QStringLiteral("Pending Person")), json);
    if (pending.status != 201)
        return false;
    setup->pendingId = pending.json().value(u"id").toString();
    setup->pendingSecret = pending.json().value(u"secret").toString();
    // A used single-use invite.
    auto invite = send(true, "POST", QStringLiteral("/api/v1/invites"), "{}", auth + json);
    if (invite.status != 201)
        return false;
    setup->usedInvite = invite.json().value(u"code").toString();
    QJsonObject withInvite
        = QJsonDocument::fromJson(registration(randomPublicKey().toBase64(), QStringLiteral("Used")))
              .object();
    withInvite.insert(QStringLiteral("invite"), setup->usedInvite);
    auto used = send(false, "POST", QStringLiteral("/api/v1/registrations"),
                     QJsonDocument(withInvite).toJson(), json);
    if (used.status != 201)
        return false;
    setup->freshKey = randomPublicKey().toBase64();
    auto status = send(true, "GET", QStringLiteral("/api/v1/status"), {}, auth);
    setup->hubKey = status.json()
                        .value(u"hub")
                        .toObject()
                        .value(u"interface")
                        .toObject()
                        .value(u"publicKey")
                        .toString();
    return setup->hubKey.size() == 44;
}

HostileCase instantiate(HostileCase c, const HostileSetup &setup, const QString &token)
{
    auto fill = [&](QByteArray text) {
        return text.replace("{PENDING_ID}", setup.pendingId.toLatin1())
            .replace("{USED_INVITE}", setup.usedInvite.toLatin1())
            .replace("{KEY}", setup.freshKey.toLatin1())
            .replace("{STALE_ETAG}", setup.staleEtag)
            .replace("{HUB_KEY}", setup.hubKey.toLatin1());
    };
    c.path = QString::fromLatin1(fill(c.path.toLatin1()));
    c.body = fill(c.body);
    for (auto &[name, value] : c.headers)
        value = fill(value);
    if (!c.contentType.isEmpty())
        c.headers.append({ "Content-Type", c.contentType });
    if (c.admin && c.withToken)
        c.headers.append({ "Authorization", "Bearer " + token.toLatin1() });
    return c;
}

QList<WireCase> wireCases()
{
    const QByteArray host = "Host: hub.example.com\r\n";
    const QByteArray regs
        = "POST /api/v1/registrations HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n";
    const QByteArray health = "GET /api/v1/health HTTP/1.1\r\n" + host + "\r\n";
    const QByteArray admin = "Authorization: Bearer {TOKEN}\r\n";
    // What a smuggled approval would look like, behind an admin request.
    const QByteArray approve = "POST /api/v1/requests/{PENDING_ID}/approve HTTP/1.1\r\n" + host + admin
        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
    const QByteArray settings
        = "PUT /api/v1/settings HTTP/1.1\r\n" + host + admin + "Content-Type: application/json\r\n";
    return {
        // --- smuggling (issue 15 item 1): one parser decides, and refuses
        { "space before colon hides a registration",
          false,
          regs + "Content-Length : {INNER_LEN}\r\n\r\n{INNER}",
          { 400 } },
        { "tab before colon hides a registration",
          false,
          regs + "Content-Length\t: {INNER_LEN}\r\n\r\n{INNER}",
          { 400 } },
        { "CL.TE",
          false,
          "POST /api/v1/registrations HTTP/1.1\r\n" + host
              + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{INNER}",
          { 400 } },
        { "TE.CL",
          false,
          regs + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n{INNER_HEX}\r\n{INNER}\r\n0\r\n\r\n",
          { 400 } },
        { "chunked, identity",
          false,
          regs + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n{INNER}",
          { 400 } },
        { "chunked twice",
          false,
          regs + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{INNER}",
          { 400 } },
        { "TE obs-fold", false, regs + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n{INNER}", { 400 } },
        { "unknown transfer coding",
          false,
          regs + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n{INNER}",
          { 501 } },
        { "Content-Length +N", false, regs + "Content-Length: +{INNER_LEN}\r\n\r\n{INNER}", { 400 } },
        { "Content-Length list", false, regs + "Content-Length: 0, {INNER_LEN}\r\n\r\n{INNER}", { 400 } },
        { "two different lengths",
          false,
          regs + "Content-Length: 0\r\nContent-Length: {INNER_LEN}\r\n\r\n{INNER}",
          { 400 } },
        { "bare LF hides a header",
          false,
          regs + "X-A: a\nContent-Length: {INNER_LEN}\r\n\r\n{INNER}",
          { 400 } },
        { "bare CR hides a header",
          false,
          regs + "X-A: a\rContent-Length: {INNER_LEN}\r\n\r\n{INNER}",
          { 400 } },
        { "NUL in a header",
          false,
          regs + QByteArrayLiteral("X-A: a\0b\r\nContent-Length: 0\r\n\r\n") + "{INNER}",
          { 400 } },
        { "good request, then a smuggling one",
          false,
          health + regs + "Content-Length : {INNER_LEN}\r\n\r\n{INNER}",
          { 200, 400 } },
        { "smuggled approval behind a settings change",
          true,
          settings + "Content-Length : " + QByteArray::number(approve.size()) + "\r\n\r\n" + approve,
          { 400 } },
        { "smuggled approval behind CL.TE",
          true,
          settings + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + approve,
          { 400 } },
        // --- versions (issue 15 item 2): answered, never dropped silently
        { "HTTP/1.10", false, "GET /api/v1/health HTTP/1.10\r\n" + host + "\r\n{INNER}", { 400 } },
        { "HTTP/1.1x", false, "GET /api/v1/health HTTP/1.1x\r\n" + host + "\r\n{INNER}", { 400 } },
        { "HTTP/2.0", false, "GET /api/v1/health HTTP/2.0\r\n" + host + "\r\n", { 505 } },
        { "HTTP/0.9", false, "GET /api/v1/health HTTP/0.9\r\n\r\n", { 505 } },
        { "HTTP/1.1 without Host", false, "GET /api/v1/health HTTP/1.1\r\n\r\n", { 400 } },
        { "two Hosts", false, "GET /api/v1/health HTTP/1.1\r\n" + host + host + "\r\n", { 400 } },
        // --- credentials (issue 15 item 3): exactly what was sent, or nothing
        { "admin token followed by VT",
          true,
          "GET /api/v1/status HTTP/1.1\r\n" + host + "Authorization: Bearer {TOKEN}\v\r\n\r\n",
          { 400 } },
        { "admin token followed by FF",
          true,
          "GET /api/v1/status HTTP/1.1\r\n" + host + "Authorization: Bearer {TOKEN}\f\r\n\r\n",
          { 400 } },
        { "admin token after a VT",
          true,
          "GET /api/v1/status HTTP/1.1\r\n" + host + "Authorization: Bearer \v{TOKEN}\r\n\r\n",
          { 400 } },
        { "poll secret followed by VT",
          false,
          "GET /api/v1/registrations/{PENDING_ID} HTTP/1.1\r\n" + host
              + "Authorization: Bearer {SECRET}\v\r\n\r\n",
          { 400 } },
        { "admin token with a tab inside",
          true,
          "GET /api/v1/status HTTP/1.1\r\n" + host + "Authorization: Bearer\t{TOKEN}\r\n\r\n",
          { 401 } },
        // --- other framing
        { "obs-fold", false, "GET /api/v1/health HTTP/1.1\r\n" + host + "X-A: a\r\n b\r\n\r\n", { 400 } },
        { "unknown expectation", false, regs + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\n{}", { 417 } },
        { "h2c upgrade",
          false,
          "GET /api/v1/health HTTP/1.1\r\n" + host + "Connection: Upgrade\r\nUpgrade: h2c\r\n\r\n",
          { 400 } },
        { "headers too large",
          false,
          "GET /api/v1/health HTTP/1.1\r\n" + host + "X: " + QByteArray(20000, 'a') + "\r\n\r\n",
          { 431 } },
        { "absolute-form target",
          false,
          "GET https://hub.example.com/api/v1/health HTTP/1.1\r\n" + host + "\r\n",
          { 400 } },
    };
}

WireCase instantiate(WireCase c, const HostileSetup &setup, const QString &token)
{
    const QByteArray inner = "POST /api/v1/registrations HTTP/1.1\r\nHost: hub.example.com\r\n"
                             "Content-Type: application/json\r\nContent-Length: ";
    const QByteArray body = registration(setup.freshKey, QStringLiteral("Smuggled Sam"));
    const QByteArray request = inner + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    c.stream.replace("{INNER_LEN}", QByteArray::number(request.size()))
        .replace("{INNER_HEX}", QByteArray::number(request.size(), 16))
        .replace("{INNER}", request)
        .replace("{TOKEN}", token.toLatin1())
        .replace("{PENDING_ID}", setup.pendingId.toLatin1())
        .replace("{SECRET}", setup.pendingSecret.toLatin1());
    return c;
}

QList<RawResponse> sendRaw(quint16 port, bool tls, const QByteArray &stream, int expected)
{
    RawClient client(port, QString(), tls);
    if (!QTest::qWaitFor([&client, tls] { return tls ? client.encrypted : client.connected; }, 10'000))
        return {};
    client.send(stream);
    (void)QTest::qWaitFor([&client, expected] { return client.closed || client.responses() >= expected; },
                          15'000);
    // Anything answered beyond what was expected would show now.
    QTest::qWait(300);
    QList<RawResponse> out;
    for (const RawResponse &r : client.answers()) {
        if (r.status >= 200)
            out.append(r);
    }
    return out;
}
