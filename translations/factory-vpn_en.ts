<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminFormat</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::AdminPage</name>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n registration waiting for approval</numerusform>
            <numerusform>%n registrations waiting for approval</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::AdminView</name>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n registration waiting for approval</numerusform>
            <numerusform>%n registrations waiting for approval</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::AuditView</name>
    <message numerus="yes">
        <source>%1 of %n loaded entries shown</source>
        <translation>
            <numerusform>%1 of %n loaded entry shown</numerusform>
            <numerusform>%1 of %n loaded entries shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileView</name>
    <message numerus="yes">
        <source>No problems: %n client peer(s).</source>
        <translation>
            <numerusform>No problems: %n client peer.</numerusform>
            <numerusform>No problems: %n client peers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) — fix them to save:</source>
        <translation>
            <numerusform>%n problem — fix it to save:</numerusform>
            <numerusform>%n problems — fix them to save:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsView</name>
    <message numerus="yes">
        <source>%n client peer(s)</source>
        <translation>
            <numerusform>%n client peer</numerusform>
            <numerusform>%n client peers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesView</name>
    <message numerus="yes">
        <source>%n device(s): %1 online, %2 stale</source>
        <translation>
            <numerusform>%n device: %1 online, %2 stale</numerusform>
            <numerusform>%n devices: %1 online, %2 stale</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found; the details say what to do.</source>
        <translation>
            <numerusform>%n problem found; the details say what to do.</numerusform>
            <numerusform>%n problems found; the details say what to do.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DirectoryView</name>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n device</numerusform>
            <numerusform>%n devices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n online</source>
        <translation>
            <numerusform>, %n online</numerusform>
            <numerusform>, %n online</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::InvitesView</name>
    <message numerus="yes">
        <source>%n invite(s)</source>
        <translation>
            <numerusform>%n invite</numerusform>
            <numerusform>%n invites</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::MessageBar</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelStatus</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
</TS>
