#pragma once

#include <QFile>
#include <QString>

#include <sys/stat.h>

namespace fvpn {

// What a file looks like from outside: a rewrite, a replacement by rename or a
// chmod changes it. Comparing stamps tells "certainly unchanged" without reading
// the file (the periodic re-read of a 7 MB inventory, the hosts file).
struct FileStamp
{
    bool exists = false;
    qint64 size = 0;
    qint64 modifiedNs = 0;
    qint64 changedNs = 0;
    quint64 inode = 0;

    static FileStamp of(const QString &path)
    {
        struct stat info
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &info) != 0)
            return {};
        return { true, qint64(info.st_size), qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec,
                 qint64(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec, quint64(info.st_ino) };
    }

    friend bool operator==(const FileStamp &, const FileStamp &) = default;
};

} // namespace fvpn
