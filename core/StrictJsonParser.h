#pragma once

#include "StrictJson.h"

#include <QJsonValue>
#include <QString>

#include <vector>

namespace fvpn {

// The one reader behind StrictJson: builds the value as it checks the text, and
// says what is wrong and where. StrictJsonParser.cpp reads the structure (values,
// objects, arrays, depth, duplicate keys); StrictJsonText.cpp strings and numbers.
class StrictJsonParser
{
public:
    StrictJsonParser(QByteArrayView json, int maxDepth)
        : m_begin(json.data())
        , m_p(json.data())
        , m_end(json.data() + json.size())
        , m_maxDepth(maxDepth)
    { }

    Result<QJsonValue> run(StrictJson::Problem *problem);

private:
    using Problem = StrictJson::Problem;

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    // Where each open container is: its current key or element index, for messages.
    struct Frame
    {
        QString key;
        qsizetype index = -1; // >= 0 in an array
    };

    struct Member
    {
        QString key;
        QJsonValue value;
        const char *at;
    };

    bool fail(Problem problem, QString what, const char *at);
    QString where(const char *at) const;
    // "config[0].files[2]": the container the parser is in, for duplicate keys.
    QString path() const;
    void skipSpace();
    QString describeHere() const;
    bool document(QJsonValue &out);
    bool value(QJsonValue &out);
    bool literal(const char *word, QJsonValue value, QJsonValue &out);
    bool enter();
    bool object(QJsonValue &out);
    bool array(QJsonValue &out);
    // Four hex digits after "\u"; -1 when they are not.
    int hex4(const char *at) const;
    bool appendCodePoint(QString &out, char32_t cp, const char *at);
    bool escape(QString &out);
    // One UTF-8 sequence, strictly: no overlong forms, no surrogates, nothing
    // above U+10FFFF (RFC 3629).
    bool utf8(QString &out);
    bool string(QString &out);
    bool number(QJsonValue &out);

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    int m_maxDepth;
    std::vector<Frame> m_frames;
    Problem m_problem = Problem::None;
    QString m_what;
    const char *m_at = nullptr;
};

} // namespace fvpn
