// StrictJson against Qt's own parser, as a second opinion on every input:
// - what StrictJson accepts (an object or array: Qt 6.4 reads nothing else at the
//   top) Qt accepts too, with the same value;
// - what Qt accepts and StrictJson refuses is refused for one of the documented
//   strict reasons (StrictJson.h), never as a syntax error;
// - what StrictJson accepts, written out by Qt, reads back the same.
#include "FuzzCheck.h"
#include "StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace fvpn;

namespace {

// Equal as JSON: numbers by their double value. (Qt 6.4 reads an integer below
// INT64_MIN as the integer INT64_MIN, StrictJson as the double it rounds to; the
// two are the same double, but QJsonValue's == tells an integer from a double.
// Found by this target: tests/fuzz/corpus/strictjson/int64-min-minus-one.)
bool sameJson(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    if (a.isArray() && b.isArray()) {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!sameJson(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.isObject() && b.isObject()) {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!sameJson(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    return a == b;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    StrictJson::Problem problem = StrictJson::Problem::None;
    const Result<QJsonValue> strict = StrictJson::parse(input, {}, &problem);
    FUZZ_CHECK(strict.ok() == (problem == StrictJson::Problem::None),
               "the problem does not match the result");

    QJsonParseError error {};
    const QJsonDocument qt = QJsonDocument::fromJson(input, &error);
    const bool qtAccepts = error.error == QJsonParseError::NoError;

    if (strict && (strict->isObject() || strict->isArray())) {
        FUZZ_CHECK(qtAccepts, u"StrictJson accepts what Qt refuses: "_qs + error.errorString());
        const QJsonValue qtValue = qt.isObject() ? QJsonValue(qt.object()) : QJsonValue(qt.array());
        FUZZ_CHECK(sameJson(qtValue, *strict), "StrictJson and Qt read different values");

        const QJsonDocument out
            = strict->isObject() ? QJsonDocument(strict->toObject()) : QJsonDocument(strict->toArray());
        const Result<QJsonValue> again = StrictJson::parse(out.toJson(QJsonDocument::Compact));
        FUZZ_CHECK(again.ok() && sameJson(*again, *strict), "what Qt writes does not read back the same");
    }
    if (!strict && qtAccepts)
        FUZZ_CHECK(problem != StrictJson::Problem::Syntax,
                   u"Qt accepts what StrictJson calls a syntax error: "_qs + strict.error().message);
    return 0;
}
