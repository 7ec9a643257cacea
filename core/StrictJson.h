#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace fvpn {

struct StrictJsonOptions
{
    int maxDepth = 64; // objects and arrays inside each other
};

// JSON read strictly: RFC 8259 with the interoperability rules of I-JSON
// (RFC 7493). One parser decides what the text means and builds the value
// itself, so no second reading can disagree with it.
//
// Refused here and accepted by Qt 6.4's QJsonDocument::fromJson (each case is in
// tests/core/tst_strictjson.cpp, which checks Qt's side too):
//  - a key twice in one object (Qt keeps the last; here an error naming the key
//    and where it is, at any depth, compared after unescaping: "a" and "\u0061"
//    are the same key);
//  - control characters in strings unescaped (a raw tab, newline or NUL);
//  - escapes RFC 8259 does not have ("\x41", "\'");
//  - numbers without digits before or after the point (".5", "1.");
//  - unpaired surrogates ("\ud800") and Unicode noncharacters (U+FFFE, U+FDD0…),
//    escaped or raw (I-JSON, RFC 7493 §2.1);
//  - nesting deeper than Options::maxDepth (Qt allows 1024);
//  - a byte order mark before the text (RFC 8259 §8.1 lets a parser ignore it;
//    nothing we read is written with one, and a hand-edited file says so), and
//    U+FEFF opening a string, raw or escaped (Qt drops it raw, and writes an
//    escaped one raw: "\uFEFFname" would become a second "name");
// Everything else RFC 8259 forbids (invalid UTF-8, leading zeros, trailing
// commas, text after the value, numbers beyond a double…) both refuse. The
// differential fuzz target fuzz_strictjson checks that the two agree on all the
// rest: same value whenever this parser accepts.
class StrictJson
{
public:
    enum class Problem
    {
        None,
        Syntax, // not RFC 8259 JSON (and Qt refuses it too)
        DuplicateKey,
        ControlCharacter, // unescaped in a string
        Escape, // an escape sequence RFC 8259 does not have
        Number, // a malformed number
        Unicode, // unpaired surrogate or noncharacter
        NumberRange,
        TooDeep,
        ByteOrderMark, // before the text, or opening a string (readers drop it)
    };

    using Options = StrictJsonOptions;

    // Any JSON value (RFC 8259 allows a scalar at the top). Errors are
    // InvalidInput, with what and where ("line 1, column 17").
    static Result<QJsonValue> parse(QByteArrayView json, const Options &options = {},
                                    Problem *problem = nullptr);
    // The same, when the text must be one object / one array.
    static Result<QJsonObject> parseObject(QByteArrayView json, const Options &options = {});
    static Result<QJsonArray> parseArray(QByteArrayView json, const Options &options = {});
};

} // namespace fvpn
