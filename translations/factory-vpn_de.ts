<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminFormat</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>VPN access</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::AdminPage</name>
    <message>
        <source>Hub admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub admin (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Registration waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) asks for VPN access.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::AdminView</name>
    <message>
        <source>Add hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factory-clients.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device-to-device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch everything from the hub now (it also refreshes every %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New registration request from %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this computer, with its token? The hub itself is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub not reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::AppState</name>
    <message>
        <source>Not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ApprovalsView</name>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No registration is waiting for approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, host, OS, key or source address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 10.42.42.20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? The engineer sees this reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VPN address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see what the engineer&apos;s app sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1
Host name: %2
Operating system: %3
Public key: %4
Sent from: %5
Requested: %6 (%7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the VPN address this engineer gets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client peer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved %1 with address %2. Their app picks this up on its next poll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected %1&apos;s request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::AuditModel</name>
    <message>
        <source>Before: %1
After: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::AuditView</name>
    <message>
        <source>Load older entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who (e.g. token:ops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n loaded entries shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1* (all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileTableModel</name>
    <message>
        <source>Public key (or # comment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment (first word is the name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileView</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factory-clients.conf saved; the hub applied it without dropping tunnels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: someone else changed factory-clients.conf meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your edit is re-applied on the newer version. Check it, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your changes to factory-clients.conf?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload factory-clients.conf from the hub and drop your changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>factory-clients.conf changed on the hub since you opened it. Saving will show both versions so you can re-apply your edit or take theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n client peer(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) — fix them to save:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As on the hub</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsModel</name>
    <message>
        <source>Not on the hub yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added to the file by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment: %1
Line %2 of factory-clients.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No handshake since the hub started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by, when</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsView</name>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, comment, address or key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for revoking (optional, kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n client peer(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke %1 (%2, key %3…)?

Their tunnel stops at once and the line is removed from factory-clients.conf. They can ask for access again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke client peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ConflictPanel</name>
    <message>
        <source>Re-apply my edit on their version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take their version (discard my edit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else saved factory-clients.conf while you were editing it. Nothing was overwritten: the hub still has their version. Shaded lines differ. Re-apply your changes on top of their version (you can review the result before saving again), or take their version and drop yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the hub now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::DeviceToDeviceView</name>
    <message>
        <source>Let devices reach each other through the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device-to-device mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;When this is on, the hub forwards traffic &lt;b&gt;between devices&lt;/b&gt;: a device can open connections to another device&apos;s VPN address. When it is off, the hub drops such traffic and devices only talk to the hub and to engineers.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Devices must route the VPN subnet&lt;/b&gt; through their tunnel for this to work. A stock device only routes the hub&apos;s own address (allowed-ips is the hub), so it drops replies from other devices; turning this on does not change that on the devices.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Engineer access is not affected&lt;/b&gt; either way: engineers always reach devices, because the hub forwards their traffic and answers for them.&lt;/p&gt;&lt;p&gt;The hub applies the change to its firewall at once and atomically; no tunnel is restarted.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State unknown: not connected to a hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub reports: ON — devices can reach each other (as of %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub reports: OFF — devices cannot reach each other (as of %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn device-to-device mode ON?

Every device will be able to open connections to every other device on the VPN. Only devices that route the VPN subnet will actually get the replies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn device-to-device mode OFF?

Connections between devices will be dropped by the hub. Engineer access stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub kept device-to-device mode %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device-to-device mode is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device-to-device mode is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesModel</name>
    <message>
        <source>Not on the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ %1  ↑ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No handshake since the hub started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 bytes, sent %2 bytes (from the hub&apos;s side)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesView</name>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, address, key or endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s): %1 online, %2 stale</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::Diagnostics</name>
    <message>
        <source>Checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake with the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub address answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hub address is set. Paste the hub&apos;s address or your enrollment link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 answers over HTTPS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have no VPN key yet. Click Generate key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have not registered with the hub yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for an administrator to approve your request. You cannot connect before that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved; your VPN address is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected%1. Talk to your administrator, then start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your access was revoked%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was cancelled. Start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approved tunnel yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tunnel interface %1 is up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tunnel is not up. Click Connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tunnel is not up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake with the hub %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No handshake yet; the tunnel is still starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub did not say which VPN address it has, so it cannot be pinged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 answers ping through the tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 does not answer ping. If the handshake is fine, a route or firewall on this computer may be in the way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The routing table could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other network on this computer overlaps %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 overlaps the VPN&apos;s %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Traffic for those addresses does not go through the tunnel; ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factory VPN diagnostics, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none, system trust)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1; host: %2; OS: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request: %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VPN address: %1/%2; hub %3 at %4; hub key %5; allowed IPs %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(address unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint: %1; last handshake %2; received %3, sent %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsDialog</name>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factory VPN diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is on the clipboard. It holds no private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; the details say what to do.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsModel</name>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerSession</name>
    <message>
        <source>Cannot follow your request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already have a request with %1; start over to use another hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request with the current key is still pending; cancel it before making a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your current key is approved; start over before making a new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating a key and storing it in the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address or your enrollment link first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate your key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You already have a request; start over to send another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the hub&apos;s certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending your request to the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was sent but cannot be followed, so it was withdrawn: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub no longer recognises your request (%1). Start over to send a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Trying again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling your request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no approved tunnel to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerView</name>
    <message>
        <source>factory-vpn://enroll?… or https://hub.example.com:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub address or enrollment link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your VPN key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub receives your public key, your name and this computer&apos;s name and operating system, as shown above, so an administrator can tell who is asking. Your private key stays in this computer&apos;s keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw your request to join the VPN?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wg-quick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NetworkManager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export for the WireGuard app…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your VPN address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub seen at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tunnel backend:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this approval? You will have to register again and wait for an administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 presented a certificate that this computer does not know.

SHA-256 fingerprint:
%2

Trust it only if it is the fingerprint your administrator gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s certificate was not trusted, so nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the link your administrator sent you, generate your key and register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved. Click Connect to reach the factory&apos;s devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public key %1 (the private key is in the keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request (%1, key %2) is with the hub at %3; this page changes by itself when it is decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason given: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (VPN address %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received, %2 sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::ExportDialog</name>
    <message>
        <source>Include my private key (needed to connect with the WireGuard app)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as .conf…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export your private key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file and the QR code will contain your private key. Anyone who gets them can join the factory&apos;s VPN as you. Export the private key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WireGuard configuration (*.conf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contains your private key: keep the file and the QR code to yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without the private key: the WireGuard app needs you to add it before it can connect.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::HubClient</name>
    <message>
        <source>No hub address is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not present a certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, which this computer does not trust. Accept it only if your administrator confirms that fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, not the certificate this app was told to trust (%3). Someone may be intercepting the connection; ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 sent an answer larger than expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 answered with something that is not JSON; is this the Factory VPN hub?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub at %1 refused (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub answered about another request than the one asked for.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::HubLink</name>
    <message>
        <source>%1 is not a web address (expected https://host or https://host:port)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub address must start with https:// (got %1); the hub serves its API over TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has more than a host and port; give only https://host[:port]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invite code in the link is empty or too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invite code %1 has characters an invite never contains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the hub&apos;s address (https://…) or the enrollment link you were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That text is far longer than an enrollment link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link contains control characters; copy it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an enrollment link (expected %2://enroll?url=…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrollment link has an unknown part %1; is the app older than the hub?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrollment link names %1 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrollment link has no hub address (url=…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrollment link has no certificate fingerprint (fp=sha256:…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s fingerprint must start with &apos;sha256:&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enrollment link pins a certificate for a hub without TLS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::MainWindow</name>
    <message>
        <source>Factory VPN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (×%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::ProfileForm</name>
    <message>
        <source>Save and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a hub&apos;s admin API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub&apos;s admin API listens on its VPN address, port 8444 (plain HTTP inside the tunnel), so connect to the VPN first. Get a token on the hub with &apos;factory-vpn-hub token create --name &lt;you&gt;&apos;. The token is kept in this computer&apos;s keychain, never in a file. A certificate pin is only needed for an https:// URL with a certificate of the hub&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plant 2 hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http://10.42.42.1:8444</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: SHA-256 fingerprint of the hub&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate pin:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::QrCode</name>
    <message>
        <source>The configuration is too long for a QR code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::QuitGuard</name>
    <message>
        <source>Quit Factory VPN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VPN tunnel is up. Disconnect it before quitting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes disconnects and quits. No quits and leaves the tunnel up; it then runs without the app showing its state.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::RegistrationStatus</name>
    <message>
        <source>Waiting for an administrator to approve your request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your access was revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::RequestsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::TrayIcon</name>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Factory VPN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy my VPN address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factory VPN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was approved. You can connect now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Factory VPN: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelController</name>
    <message>
        <source>There is no approved tunnel to connect yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelStatus</name>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bringing the tunnel up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tunnel interface exists but does not lead to the hub; disconnect and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last handshake %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the hub to answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub has not answered yet. UDP to %1 may be blocked by a firewall, or the hub does not know your key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last handshake with the hub was %1. UDP to %2 may be blocked, or the hub is down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
