<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AdminFormat</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>PeerColumns</name>
    <message>
        <source>Last handshake %1</source>
        <translation>Letzter Handshake %1</translation>
    </message>
    <message>
        <source>No handshake since the hub started</source>
        <translation>Kein Handshake seit dem Start des Hubs</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation>VPN-Adresse</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last handshake</source>
        <translation>Letzter Handshake</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminPage</name>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n Registrierung wartet auf Freigabe</numerusform>
            <numerusform>%n Registrierungen warten auf Freigabe</numerusform>
        </translation>
    </message>
    <message>
        <source>Registration waiting</source>
        <translation>Registrierung wartet</translation>
    </message>
    <message>
        <source>%1 (%2) asks for VPN access.</source>
        <translation>%1 (%2) bittet um VPN-Zugang.</translation>
    </message>
    <message>
        <source>&amp;Hub admin</source>
        <translation>&amp;Hub-Verwaltung</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminTableView</name>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Zeile kopieren</translation>
    </message>
</context>
<context>
    <name>fvpn::AdminView</name>
    <message>
        <source>Add hub…</source>
        <translation>Hub hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Client peers</source>
        <translation>Client-Peers</translation>
    </message>
    <message>
        <source>factory-clients.conf</source>
        <translation>factory-clients.conf</translation>
    </message>
    <message>
        <source>Device-to-device</source>
        <translation>Gerät zu Gerät</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <source>Fetch everything from the hub now (it also refreshes every %1 s)</source>
        <translation>Jetzt alles vom Hub abrufen (das geschieht auch automatisch alle %1 s)</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Hub:</translation>
    </message>
    <message>
        <source>New registration request from %1 (%2).</source>
        <translation>Neue Registrierungsanfrage von %1 (%2).</translation>
    </message>
    <message>
        <source>Remove hub</source>
        <translation>Hub entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from this computer, with its token? The hub itself is not changed.</source>
        <translation>%1 samt Token von diesem Computer entfernen? Der Hub selbst bleibt unverändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n registration(s) waiting for approval</source>
        <translation>
            <numerusform>%n Registrierung wartet auf Freigabe</numerusform>
            <numerusform>%n Registrierungen warten auf Freigabe</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Hub not reachable</source>
        <translation>Hub nicht erreichbar</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <source>Invites</source>
        <translation>Einladungen</translation>
    </message>
    <message>
        <source>A&amp;pprovals</source>
        <translation>Frei&amp;gaben</translation>
    </message>
</context>
<context>
    <name>fvpn::AppState</name>
    <message>
        <source>Not registered</source>
        <translation>Nicht registriert</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Wartet auf Freigabe</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation>Kein aktueller Handshake</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>fvpn::ApprovalsView</name>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>No registration is waiting for approval.</source>
        <translation>Keine Registrierung wartet auf Freigabe.</translation>
    </message>
    <message>
        <source>Filter by name, host, OS, key or source address</source>
        <translation>Nach Name, Host, Betriebssystem, Schlüssel oder Absenderadresse filtern</translation>
    </message>
    <message>
        <source>e.g. 10.42.42.20</source>
        <translation>z. B. 10.42.42.20</translation>
    </message>
    <message>
        <source>Why? The engineer sees this reason</source>
        <translation>Warum? Der Techniker sieht diese Begründung</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Angaben</translation>
    </message>
    <message>
        <source>VPN address:</source>
        <translation>VPN-Adresse:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <source>Select a request to see what the engineer&apos;s app sent.</source>
        <translation>Wählen Sie eine Anfrage aus, um zu sehen, was die App des Technikers gesendet hat.</translation>
    </message>
    <message>
        <source>Name: %1
Host name: %2
Operating system: %3
Public key: %4
Sent from: %5
Requested: %6 (%7)</source>
        <translation>Name: %1
Hostname: %2
Betriebssystem: %3
Öffentlicher Schlüssel: %4
Gesendet von: %5
Angefragt: %6 (%7)</translation>
    </message>
    <message>
        <source>Enter the VPN address this engineer gets.</source>
        <translation>Geben Sie die VPN-Adresse ein, die dieser Techniker erhält.</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>client peer %1</source>
        <translation>Client-Peer %1</translation>
    </message>
    <message>
        <source>Approved %1 with address %2. Their app picks this up on its next poll.</source>
        <translation>%1 mit Adresse %2 freigegeben. Die App übernimmt das bei ihrer nächsten Abfrage.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>Rejected %1&apos;s request.</source>
        <translation>Anfrage von %1 abgelehnt.</translation>
    </message>
    <message>
        <source>Replaces the key of approved request %1: on approval the old key leaves the VPN and the new one keeps its address.</source>
        <translation>Ersetzt den Schlüssel der genehmigten Anfrage %1: Mit der Genehmigung verlässt der alte Schlüssel das VPN, der neue behält dessen Adresse.</translation>
    </message>
    <message>
        <source>empty: keep the current address</source>
        <translation>leer: bisherige Adresse behalten</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
</context>
<context>
    <name>fvpn::AuditModel</name>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>Vorher: %1
Nachher: %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Vorher → nachher</translation>
    </message>
</context>
<context>
    <name>fvpn::AuditView</name>
    <message>
        <source>Load older entries</source>
        <translation>Ältere Einträge laden</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Who (e.g. token:ops)</source>
        <translation>Wer (z. B. token:ops)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n loaded entries shown</source>
        <translation>
            <numerusform>%1 von %n geladenen Eintrag angezeigt</numerusform>
            <numerusform>%1 von %n geladenen Einträgen angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>%1* (all)</source>
        <translation>%1* (alle)</translation>
    </message>
</context>
<context>
    <name>fvpn::BackendChoice</name>
    <message>
        <source>wg-quick, as chosen in the settings.</source>
        <translation>wg-quick, wie in den Einstellungen gewählt.</translation>
    </message>
    <message>
        <source>NetworkManager was chosen in the settings, but it is not running on this computer. Choose Automatic or wg-quick.</source>
        <translation>In den Einstellungen ist NetworkManager gewählt, er läuft aber nicht auf diesem Computer. Wählen Sie „Automatisch“ oder wg-quick.</translation>
    </message>
    <message>
        <source>NetworkManager was chosen in the settings, but this version of Factory VPN cannot drive it yet. Choose Automatic or wg-quick.</source>
        <translation>In den Einstellungen ist NetworkManager gewählt, diese Version von Factory VPN kann ihn aber noch nicht steuern. Wählen Sie „Automatisch“ oder wg-quick.</translation>
    </message>
    <message>
        <source>NetworkManager, as chosen in the settings.</source>
        <translation>NetworkManager, wie in den Einstellungen gewählt.</translation>
    </message>
    <message>
        <source>NetworkManager, because it manages this computer&apos;s network.</source>
        <translation>NetworkManager, weil er das Netzwerk dieses Computers verwaltet.</translation>
    </message>
    <message>
        <source>wg-quick: NetworkManager runs here, but this version of Factory VPN cannot drive it yet, so the tunnel is set up next to it.</source>
        <translation>wg-quick: NetworkManager läuft hier, diese Version von Factory VPN kann ihn aber noch nicht steuern; der Tunnel wird daher daneben eingerichtet.</translation>
    </message>
    <message>
        <source>wg-quick, because NetworkManager is not running.</source>
        <translation>wg-quick, weil NetworkManager nicht läuft.</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileTableModel</name>
    <message>
        <source>Public key (or # comment)</source>
        <translation>Öffentlicher Schlüssel (oder # Kommentar)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Comment (first word is the name)</source>
        <translation>Kommentar (1. Wort = Name)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsFileView</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Add peer</source>
        <translation>Peer hinzufügen</translation>
    </message>
    <message>
        <source>Remove lines</source>
        <translation>Zeilen entfernen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Save to hub</source>
        <translation>Auf dem Hub speichern</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>factory-clients.conf saved; the hub applied it without dropping tunnels.</source>
        <translation>factory-clients.conf gespeichert; der Hub hat sie übernommen, ohne Tunnel zu unterbrechen.</translation>
    </message>
    <message>
        <source>Not saved: someone else changed factory-clients.conf meanwhile.</source>
        <translation>Nicht gespeichert: Jemand anderes hat factory-clients.conf inzwischen geändert.</translation>
    </message>
    <message>
        <source>Your edit is re-applied on the newer version. Check it, then save.</source>
        <translation>Ihre Änderung wurde auf die neuere Version übertragen. Prüfen Sie sie und speichern Sie dann.</translation>
    </message>
    <message>
        <source>Drop your changes to factory-clients.conf?</source>
        <translation>Ihre Änderungen an factory-clients.conf verwerfen?</translation>
    </message>
    <message>
        <source>Reload factory-clients.conf from the hub and drop your changes?</source>
        <translation>factory-clients.conf neu vom Hub laden und Ihre Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>factory-clients.conf changed on the hub since you opened it. Saving will show both versions so you can re-apply your edit or take theirs.</source>
        <translation>factory-clients.conf wurde auf dem Hub geändert, seit Sie sie geöffnet haben. Beim Speichern sehen Sie beide Versionen und können Ihre Änderung erneut anwenden oder die andere Version übernehmen.</translation>
    </message>
    <message numerus="yes">
        <source>No problems: %n client peer(s).</source>
        <translation>
            <numerusform>Keine Probleme: %n Client-Peer.</numerusform>
            <numerusform>Keine Probleme: %n Client-Peers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) — fix them to save:</source>
        <translation>
            <numerusform>%n Problem – beheben Sie es, um zu speichern:</numerusform>
            <numerusform>%n Probleme – beheben Sie sie, um zu speichern:</numerusform>
        </translation>
    </message>
    <message>
        <source>Not loaded</source>
        <translation>Nicht geladen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>Von jemand anderem geändert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>As on the hub</source>
        <translation>Wie auf dem Hub</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsModel</name>
    <message>
        <source>Not on the hub yet</source>
        <translation>Noch nicht auf dem Hub</translation>
    </message>
    <message>
        <source>added to the file by hand</source>
        <translation>von Hand in die Datei eingetragen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Comment: %1
Line %2 of factory-clients.conf</source>
        <translation>Kommentar: %1
Zeile %2 von factory-clients.conf</translation>
    </message>
    <message>
        <source>Approved by, when</source>
        <translation>Freigegeben von, wann</translation>
    </message>
</context>
<context>
    <name>fvpn::ClientsView</name>
    <message>
        <source>Copy address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Zugang entziehen…</translation>
    </message>
    <message>
        <source>Filter by name, comment, address or key</source>
        <translation>Nach Name, Kommentar, Adresse oder Schlüssel filtern</translation>
    </message>
    <message>
        <source>Reason for revoking (optional, kept in the audit log)</source>
        <translation>Grund für den Entzug (optional, steht im Audit-Protokoll)</translation>
    </message>
    <message numerus="yes">
        <source>%n client peer(s)</source>
        <translation>
            <numerusform>%n Client-Peer</numerusform>
            <numerusform>%n Client-Peers</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>Revoke %1 (%2, key %3…)?

Their tunnel stops at once and the line is removed from factory-clients.conf. They can ask for access again.</source>
        <translation>Zugang von %1 (%2, Schlüssel %3…) entziehen?

Der Tunnel endet sofort, und die Zeile wird aus factory-clients.conf entfernt. Der Zugang kann erneut beantragt werden.</translation>
    </message>
    <message>
        <source>Revoke client peer</source>
        <translation>Client-Peer den Zugang entziehen</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Entziehen</translation>
    </message>
    <message>
        <source>Revoked %1.</source>
        <translation>Zugang von %1 entzogen.</translation>
    </message>
</context>
<context>
    <name>fvpn::ConflictPanel</name>
    <message>
        <source>Re-apply my edit on their version</source>
        <translation>Meine Änderung auf die andere Version anwenden</translation>
    </message>
    <message>
        <source>Take their version (discard my edit)</source>
        <translation>Andere Version übernehmen (meine Änderung verwerfen)</translation>
    </message>
    <message>
        <source>Someone else saved factory-clients.conf while you were editing it. Nothing was overwritten: the hub still has their version. Shaded lines differ. Re-apply your changes on top of their version (you can review the result before saving again), or take their version and drop yours.</source>
        <translation>Jemand anderes hat factory-clients.conf gespeichert, während Sie sie bearbeitet haben. Nichts wurde überschrieben: Der Hub hat weiterhin die andere Version. Schattierte Zeilen unterscheiden sich. Wenden Sie Ihre Änderungen auf die andere Version an (Sie können das Ergebnis vor dem erneuten Speichern prüfen), oder übernehmen Sie die andere Version und verwerfen Sie Ihre.</translation>
    </message>
    <message>
        <source>Your version (not saved)</source>
        <translation>Ihre Version (nicht gespeichert)</translation>
    </message>
    <message>
        <source>On the hub now</source>
        <translation>Jetzt auf dem Hub</translation>
    </message>
</context>
<context>
    <name>fvpn::CopyLinkField</name>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
</context>
<context>
    <name>fvpn::DeviceDirectory</name>
    <message>
        <source>The hub&apos;s device list is larger than this app accepts.</source>
        <translation>Die Geräteliste des Hubs ist größer, als diese App annimmt.</translation>
    </message>
    <message>
        <source>The device list could not be fetched from the hub at %1 (%2).</source>
        <translation>Die Geräteliste konnte nicht vom Hub unter %1 geholt werden (%2).</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>keine Antwort in der Zeit</translation>
    </message>
    <message>
        <source>The hub did not accept this computer&apos;s registration for the device list (HTTP %1).</source>
        <translation>Der Hub hat die Registrierung dieses Computers für die Geräteliste nicht angenommen (HTTP %1).</translation>
    </message>
    <message>
        <source>The hub at %1 does not offer a device list.</source>
        <translation>Der Hub unter %1 bietet keine Geräteliste an.</translation>
    </message>
    <message>
        <source>The hub at %1 could not give the device list (HTTP %2).</source>
        <translation>Der Hub unter %1 konnte die Geräteliste nicht liefern (HTTP %2).</translation>
    </message>
</context>
<context>
    <name>fvpn::DeviceToDeviceView</name>
    <message>
        <source>Let devices reach each other through the hub</source>
        <translation>Geräte über den Hub miteinander verbinden lassen</translation>
    </message>
    <message>
        <source>Device-to-device mode</source>
        <translation>Gerät-zu-Gerät-Modus</translation>
    </message>
    <message>
        <source>&lt;p&gt;When this is on, the hub forwards traffic &lt;b&gt;between devices&lt;/b&gt;: a device can open connections to another device&apos;s VPN address. When it is off, the hub drops such traffic and devices only talk to the hub and to engineers.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Devices must route the VPN subnet&lt;/b&gt; through their tunnel for this to work. A stock device only routes the hub&apos;s own address (allowed-ips is the hub), so it drops replies from other devices; turning this on does not change that on the devices.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Engineer access is not affected&lt;/b&gt; either way: engineers always reach devices, because the hub forwards their traffic and answers for them.&lt;/p&gt;&lt;p&gt;The hub applies the change to its firewall at once and atomically; no tunnel is restarted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ist dies eingeschaltet, leitet der Hub Verkehr &lt;b&gt;zwischen Geräten&lt;/b&gt; weiter: Ein Gerät kann Verbindungen zur VPN-Adresse eines anderen Geräts öffnen. Ist es ausgeschaltet, verwirft der Hub solchen Verkehr, und Geräte sprechen nur mit dem Hub und mit Technikern.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Die Geräte müssen das VPN-Subnetz&lt;/b&gt; durch ihren Tunnel routen, damit das funktioniert. Ein Gerät im Auslieferungszustand routet nur die Adresse des Hubs (allowed-ips ist der Hub) und verwirft daher Antworten anderer Geräte; das Einschalten ändert daran auf den Geräten nichts.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Der Zugang für Techniker ist nicht betroffen&lt;/b&gt;: Techniker erreichen Geräte immer, weil der Hub ihren Verkehr weiterleitet und für sie antwortet.&lt;/p&gt;&lt;p&gt;Der Hub übernimmt die Änderung sofort und atomar in seine Firewall; kein Tunnel wird neu gestartet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>State unknown: not connected to a hub.</source>
        <translation>Status unbekannt: keine Verbindung zu einem Hub.</translation>
    </message>
    <message>
        <source>The hub reports: ON — devices can reach each other (as of %1).</source>
        <translation>Der Hub meldet: AN – Geräte können einander erreichen (Stand %1).</translation>
    </message>
    <message>
        <source>The hub reports: OFF — devices cannot reach each other (as of %1).</source>
        <translation>Der Hub meldet: AUS – Geräte können einander nicht erreichen (Stand %1).</translation>
    </message>
    <message>
        <source>Turn device-to-device mode ON?

Every device will be able to open connections to every other device on the VPN. Only devices that route the VPN subnet will actually get the replies.</source>
        <translation>Gerät-zu-Gerät-Modus EINSCHALTEN?

Jedes Gerät kann dann Verbindungen zu jedem anderen Gerät im VPN öffnen. Antworten erhalten aber nur Geräte, die das VPN-Subnetz routen.</translation>
    </message>
    <message>
        <source>Turn device-to-device mode OFF?

Connections between devices will be dropped by the hub. Engineer access stays as it is.</source>
        <translation>Gerät-zu-Gerät-Modus AUSSCHALTEN?

Der Hub verwirft dann Verbindungen zwischen Geräten. Der Zugang für Techniker bleibt, wie er ist.</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Einschalten</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Ausschalten</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Frage den Hub…</translation>
    </message>
    <message>
        <source>The hub kept device-to-device mode %1.</source>
        <translation>Der Hub hat den Gerät-zu-Gerät-Modus %1 gelassen.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>eingeschaltet</translation>
    </message>
    <message>
        <source>off</source>
        <translation>ausgeschaltet</translation>
    </message>
    <message>
        <source>Device-to-device mode is on.</source>
        <translation>Der Gerät-zu-Gerät-Modus ist eingeschaltet.</translation>
    </message>
    <message>
        <source>Device-to-device mode is off.</source>
        <translation>Der Gerät-zu-Gerät-Modus ist ausgeschaltet.</translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesModel</name>
    <message>
        <source>Not on the hub</source>
        <translation>Nicht auf dem Hub</translation>
    </message>
    <message>
        <source>↓ %1  ↑ %2</source>
        <translation>↓ %1  ↑ %2</translation>
    </message>
    <message>
        <source>Received %1 bytes, sent %2 bytes (from the hub&apos;s side)</source>
        <translation>%1 Bytes empfangen, %2 Bytes gesendet (aus Sicht des Hubs)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Datenvolumen</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
</context>
<context>
    <name>fvpn::DevicesView</name>
    <message>
        <source>Copy address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Filter by name, address, key or endpoint</source>
        <translation>Nach Name, Adresse, Schlüssel oder Endpunkt filtern</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s): %1 online, %2 stale</source>
        <translation>
            <numerusform>%n Gerät: %1 online, %2 veraltet</numerusform>
            <numerusform>%n Geräte: %1 online, %2 veraltet</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
</context>
<context>
    <name>fvpn::Diagnostics</name>
    <message>
        <source>Checking</source>
        <translation>Prüfe</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Hub reachable</source>
        <translation>Hub erreichbar</translation>
    </message>
    <message>
        <source>Registration request</source>
        <translation>Registrierungsanfrage</translation>
    </message>
    <message>
        <source>Tunnel backend</source>
        <translation>Tunnel-Backend</translation>
    </message>
    <message>
        <source>Tunnel up</source>
        <translation>Tunnel aktiv</translation>
    </message>
    <message>
        <source>Handshake with the hub</source>
        <translation>Handshake mit dem Hub</translation>
    </message>
    <message>
        <source>Hub address answers</source>
        <translation>Hub-Adresse antwortet</translation>
    </message>
    <message>
        <source>Route conflicts</source>
        <translation>Routenkonflikte</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>No hub address is set. Paste the hub&apos;s address or your enrollment link.</source>
        <translation>Keine Hub-Adresse festgelegt. Fügen Sie die Adresse des Hubs oder Ihren Einladungslink ein.</translation>
    </message>
    <message>
        <source>The hub at %1 answers over HTTPS.</source>
        <translation>Der Hub unter %1 antwortet über HTTPS.</translation>
    </message>
    <message>
        <source>You have no VPN key yet. Click Generate key.</source>
        <translation>Sie haben noch keinen VPN-Schlüssel. Klicken Sie auf „Schlüssel erzeugen“.</translation>
    </message>
    <message>
        <source>You have not registered with the hub yet.</source>
        <translation>Sie haben sich noch nicht beim Hub registriert.</translation>
    </message>
    <message>
        <source>Waiting for an administrator to approve your request. You cannot connect before that.</source>
        <translation>Ihre Anfrage wartet auf die Freigabe durch einen Administrator. Vorher können Sie sich nicht verbinden.</translation>
    </message>
    <message>
        <source>Approved; your VPN address is %1.</source>
        <translation>Freigegeben; Ihre VPN-Adresse ist %1.</translation>
    </message>
    <message>
        <source>Rejected%1. Talk to your administrator, then start over.</source>
        <translation>Abgelehnt%1. Sprechen Sie mit Ihrem Administrator und beginnen Sie dann neu.</translation>
    </message>
    <message>
        <source>Your access was revoked%1.</source>
        <translation>Ihr Zugang wurde entzogen%1.</translation>
    </message>
    <message>
        <source>Your request was cancelled. Start over.</source>
        <translation>Ihre Anfrage wurde zurückgezogen. Beginnen Sie neu.</translation>
    </message>
    <message>
        <source>There is no approved tunnel yet.</source>
        <translation>Es gibt noch keinen freigegebenen Tunnel.</translation>
    </message>
    <message>
        <source>The tunnel interface %1 is up.</source>
        <translation>Die Tunnel-Schnittstelle %1 ist aktiv.</translation>
    </message>
    <message>
        <source>The tunnel is not up.</source>
        <translation>Der Tunnel ist nicht aktiv.</translation>
    </message>
    <message>
        <source>Last handshake with the hub %1.</source>
        <translation>Letzter Handshake mit dem Hub %1.</translation>
    </message>
    <message>
        <source>No handshake yet; the tunnel is still starting.</source>
        <translation>Noch kein Handshake; der Tunnel startet noch.</translation>
    </message>
    <message>
        <source>The hub did not say which VPN address it has, so it cannot be pinged.</source>
        <translation>Der Hub hat seine VPN-Adresse nicht mitgeteilt, daher kann er nicht angepingt werden.</translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 answers ping through the tunnel.</source>
        <translation>Die VPN-Adresse des Hubs %1 antwortet auf Ping durch den Tunnel.</translation>
    </message>
    <message>
        <source>The hub&apos;s VPN address %1 does not answer ping. If the handshake is fine, a route or firewall on this computer may be in the way.</source>
        <translation>Die VPN-Adresse des Hubs %1 antwortet nicht auf Ping. Wenn der Handshake in Ordnung ist, steht vielleicht eine Route oder Firewall auf diesem Computer im Weg.</translation>
    </message>
    <message>
        <source>The routing table could not be read.</source>
        <translation>Die Routing-Tabelle konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No other network on this computer overlaps %1.</source>
        <translation>Kein anderes Netz auf diesem Computer überschneidet sich mit %1.</translation>
    </message>
    <message>
        <source>%1 on %2 overlaps the VPN&apos;s %3</source>
        <translation>%1 auf %2 überschneidet sich mit %3 des VPN</translation>
    </message>
    <message>
        <source>%1. Traffic for those addresses does not go through the tunnel; ask your administrator.</source>
        <translation>%1. Verkehr zu diesen Adressen läuft nicht durch den Tunnel; fragen Sie Ihren Administrator.</translation>
    </message>
    <message>
        <source>Factory VPN diagnostics, %1</source>
        <translation>Factory-VPN-Diagnose, %1</translation>
    </message>
    <message>
        <source>App version: %1</source>
        <translation>App-Version: %1</translation>
    </message>
    <message>
        <source>Hub: %1</source>
        <translation>Hub: %1</translation>
    </message>
    <message>
        <source>Pinned certificate: %1</source>
        <translation>Festgelegtes Zertifikat: %1</translation>
    </message>
    <message>
        <source>(none, system trust)</source>
        <translation>(keines, Vertrauen des Systems)</translation>
    </message>
    <message>
        <source>Name: %1; host: %2; OS: %3</source>
        <translation>Name: %1; Host: %2; Betriebssystem: %3</translation>
    </message>
    <message>
        <source>Public key: %1</source>
        <translation>Öffentlicher Schlüssel: %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Request: %1, %2</source>
        <translation>Anfrage: %1, %2</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>nicht registriert</translation>
    </message>
    <message>
        <source>VPN address: %1/%2; hub %3 at %4; hub key %5; allowed IPs %6</source>
        <translation>VPN-Adresse: %1/%2; Hub %3 unter %4; Hub-Schlüssel %5; erlaubte IPs %6</translation>
    </message>
    <message>
        <source>(address unknown)</source>
        <translation>(Adresse unbekannt)</translation>
    </message>
    <message>
        <source>Tunnel: %1%2</source>
        <translation>Tunnel: %1%2</translation>
    </message>
    <message>
        <source>Endpoint: %1; last handshake %2; received %3, sent %4</source>
        <translation>Endpunkt: %1; letzter Handshake %2; empfangen %3, gesendet %4</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>You are disconnected. Click Connect when you need the factory&apos;s devices.</source>
        <translation>Sie sind getrennt. Klicken Sie auf „Verbinden“, wenn Sie die Geräte der Fabrik brauchen.</translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsDialog</name>
    <message>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Factory VPN diagnostics</source>
        <translation>Factory-VPN-Diagnose</translation>
    </message>
    <message>
        <source>The report is on the clipboard. It holds no private key.</source>
        <translation>Der Bericht ist in der Zwischenablage. Er enthält keinen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found; the details say what to do.</source>
        <translation>
            <numerusform>%n Problem gefunden; die Details sagen, was zu tun ist.</numerusform>
            <numerusform>%n Probleme gefunden; die Details sagen, was zu tun ist.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::DiagnosticsModel</name>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Befund</translation>
    </message>
</context>
<context>
    <name>fvpn::DirectoryModel</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Last handshake with the hub: %1 (UTC)</source>
        <translation>Letzter Handshake mit dem Hub: %1 (UTC)</translation>
    </message>
    <message>
        <source>No handshake with the hub since it started</source>
        <translation>Kein Handshake mit dem Hub, seit er läuft</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>VPN address</source>
        <translation>VPN-Adresse</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
</context>
<context>
    <name>fvpn::DirectoryView</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Adresse kopieren</translation>
    </message>
    <message>
        <source>Copy ssh command</source>
        <translation>ssh-Befehl kopieren</translation>
    </message>
    <message>
        <source>Filter by name, address or state</source>
        <translation>Nach Name, Adresse oder Status filtern</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n online</source>
        <translation>
            <numerusform>, %n online</numerusform>
            <numerusform>, %n online</numerusform>
        </translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>aktualisiert um %1</translation>
    </message>
    <message>
        <source>Your hub does not list its devices for engineers yet. Ask your administrator for the addresses you need.</source>
        <translation>Ihr Hub listet seine Geräte noch nicht für Techniker auf. Fragen Sie Ihren Administrator nach den Adressen, die Sie brauchen.</translation>
    </message>
    <message>
        <source>Not connected: the list is as it was when %1. Connect to see it now.</source>
        <translation>Nicht verbunden: die Liste ist auf dem Stand von %1. Verbinden Sie sich, um sie aktuell zu sehen.</translation>
    </message>
    <message>
        <source>Connect to see the factory&apos;s devices you can reach.</source>
        <translation>Verbinden Sie sich, um die Geräte der Fabrik zu sehen, die Sie erreichen können.</translation>
    </message>
    <message>
        <source>Asking the hub for its devices…</source>
        <translation>Der Hub wird nach seinen Geräten gefragt…</translation>
    </message>
    <message>
        <source>(showing the list as it was when %1)</source>
        <translation>(die Liste auf dem Stand von %1)</translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerSession</name>
    <message>
        <source>Cannot follow your request: %1</source>
        <translation>Ihre Anfrage kann nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <source>You already have a request with %1; start over to use another hub.</source>
        <translation>Sie haben bereits eine Anfrage bei %1; beginnen Sie neu, um einen anderen Hub zu verwenden.</translation>
    </message>
    <message>
        <source>Your request with the current key is still pending; cancel it before making a new key.</source>
        <translation>Ihre Anfrage mit dem aktuellen Schlüssel ist noch offen; ziehen Sie sie zurück, bevor Sie einen neuen Schlüssel erzeugen.</translation>
    </message>
    <message>
        <source>Your current key is approved; start over before making a new key.</source>
        <translation>Ihr aktueller Schlüssel ist freigegeben; beginnen Sie neu, bevor Sie einen neuen Schlüssel erzeugen.</translation>
    </message>
    <message>
        <source>Your name: %1</source>
        <translation>Ihr Name: %1</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address or your enrollment link first.</source>
        <translation>Geben Sie zuerst die Adresse des Hubs oder Ihren Einladungslink ein.</translation>
    </message>
    <message>
        <source>Generate your key first.</source>
        <translation>Erzeugen Sie zuerst Ihren Schlüssel.</translation>
    </message>
    <message>
        <source>You already have a request; start over to send another.</source>
        <translation>Sie haben bereits eine Anfrage; beginnen Sie neu, um eine weitere zu senden.</translation>
    </message>
    <message>
        <source>Sending your request to the hub…</source>
        <translation>Ihre Anfrage wird an den Hub gesendet…</translation>
    </message>
    <message>
        <source>Your request was sent but cannot be followed, so it was withdrawn: %1</source>
        <translation>Ihre Anfrage wurde gesendet, kann aber nicht verfolgt werden und wurde daher zurückgezogen: %1</translation>
    </message>
    <message>
        <source>The hub no longer recognises your request (%1). Start over to send a new one.</source>
        <translation>Der Hub kennt Ihre Anfrage nicht mehr (%1). Beginnen Sie neu, um eine neue zu senden.</translation>
    </message>
    <message>
        <source>%1 Trying again later.</source>
        <translation>%1 Neuer Versuch später.</translation>
    </message>
    <message>
        <source>Cancelling your request…</source>
        <translation>Ihre Anfrage wird zurückgezogen…</translation>
    </message>
    <message>
        <source>There is no approved tunnel to export yet.</source>
        <translation>Es gibt noch keinen freigegebenen Tunnel zum Exportieren.</translation>
    </message>
    <message>
        <source>Your key was not replaced: your registration has ended.</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: Ihre Registrierung ist beendet.</translation>
    </message>
    <message>
        <source>Your key was not replaced: your access was revoked.</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: Ihr Zugang wurde entzogen.</translation>
    </message>
    <message>
        <source>Waiting for your keychain to store the key… If it asks for a password, answer it to go on.</source>
        <translation>Warten auf Ihren Schlüsselbund, der den Schlüssel speichert… Fragt er nach einem Passwort, antworten Sie, um fortzufahren.</translation>
    </message>
    <message>
        <source>Checking the hub&apos;s certificate… Nothing has been sent yet.</source>
        <translation>Das Zertifikat des Hubs wird geprüft… Es wurde noch nichts gesendet.</translation>
    </message>
</context>
<context>
    <name>fvpn::EngineerView</name>
    <message>
        <source>Check now</source>
        <translation>Jetzt prüfen</translation>
    </message>
    <message>
        <source>Cancel request</source>
        <translation>Anfrage zurückziehen</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Withdraw your request to join the VPN?</source>
        <translation>Ihre Anfrage für den VPN-Zugang zurückziehen?</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate was not trusted, so nothing was sent.</source>
        <translation>Dem Zertifikat des Hubs wurde nicht vertraut, daher wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Paste the link your administrator sent you, generate your key and register.</source>
        <translation>Fügen Sie den Link ein, den Ihr Administrator Ihnen geschickt hat, erzeugen Sie Ihren Schlüssel und registrieren Sie sich.</translation>
    </message>
    <message>
        <source>Approved. Click Connect to reach the factory&apos;s devices.</source>
        <translation>Freigegeben. Klicken Sie auf „Verbinden“, um die Geräte der Fabrik zu erreichen.</translation>
    </message>
    <message>
        <source>Your request (%1, key %2) is with the hub at %3; this page changes by itself when it is decided.</source>
        <translation>Ihre Anfrage (%1, Schlüssel %2) liegt beim Hub unter %3; diese Seite ändert sich von selbst, sobald darüber entschieden ist.</translation>
    </message>
    <message>
        <source>Reason given: &quot;%1&quot;</source>
        <translation>Angegebener Grund: „%1“</translation>
    </message>
    <message>
        <source>Enrollment link</source>
        <translation>Einladungslink</translation>
    </message>
    <message>
        <source>The link was not used: %1</source>
        <translation>Der Link wurde nicht verwendet: %1</translation>
    </message>
    <message>
        <source>The link was not used: this computer&apos;s request to %1 is waiting for approval. To use the link instead, click Cancel request, then open the link again.</source>
        <translation>Der Link wurde nicht verwendet: Die Anfrage dieses Computers an %1 wartet auf Freigabe. Um stattdessen den Link zu verwenden, klicken Sie auf „Anfrage zurückziehen“ und öffnen Sie den Link dann erneut.</translation>
    </message>
    <message>
        <source>The link was not used: this computer already has a registration with %1. To use the link instead, click Start over, then open the link again.</source>
        <translation>Der Link wurde nicht verwendet: Dieser Computer ist bereits bei %1 registriert. Um stattdessen den Link zu verwenden, klicken Sie auf „Neu beginnen“ und öffnen Sie den Link dann erneut.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>How you get on the VPN</source>
        <translation>So kommen Sie ins VPN</translation>
    </message>
    <message>
        <source>The hub at %1 presented a certificate that this computer does not know yet.

Its fingerprint:
%2

Trust it only if it is exactly the fingerprint your administrator gave you (they see it with &quot;factory-vpn-ctl enrollment&quot;, and it is part of an enrollment link).</source>
        <translation>Der Hub unter %1 hat ein Zertifikat vorgelegt, das dieser Computer noch nicht kennt.

Sein Fingerabdruck:
%2

Vertrauen Sie ihm nur, wenn es genau der Fingerabdruck ist, den Ihnen Ihr Administrator gegeben hat (er sieht ihn mit „factory-vpn-ctl enrollment“, und er ist Teil jedes Einladungslinks).</translation>
    </message>
</context>
<context>
    <name>fvpn::EnrollPage</name>
    <message>
        <source>&amp;Generate key</source>
        <translation>Schlüssel erzeu&amp;gen</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>&amp;Registrieren</translation>
    </message>
    <message>
        <source>factory-vpn://enroll?… or hub.example.com:8443</source>
        <translation>factory-vpn://enroll?… oder hub.example.com:8443</translation>
    </message>
    <message>
        <source>Your full name, as your administrator knows you</source>
        <translation>Ihr vollständiger Name, wie Ihr Administrator Sie kennt</translation>
    </message>
    <message>
        <source>Your private key is kept in this computer&apos;s keychain, never in a file. The first time, your desktop may ask you to choose a password for a new keyring, or to unlock it: that password protects your VPN key.</source>
        <translation>Ihr privater Schlüssel wird im Schlüsselbund dieses Computers aufbewahrt, nie in einer Datei. Beim ersten Mal fragt Ihr Desktop Sie vielleicht nach einem Passwort für einen neuen Schlüsselbund oder danach, ihn zu entsperren: dieses Passwort schützt Ihren VPN-Schlüssel.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Hub address or enrollment link:</source>
        <translation>Hub-Adresse oder Einladungslink:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Ihr Name:</translation>
    </message>
    <message>
        <source>This computer:</source>
        <translation>Dieser Computer:</translation>
    </message>
    <message>
        <source>Your VPN key:</source>
        <translation>Ihr VPN-Schlüssel:</translation>
    </message>
    <message>
        <source>Register sends the hub your public key, your name and this computer&apos;s name and operating system, as shown above, so an administrator can tell who is asking.</source>
        <translation>„Registrieren“ sendet dem Hub Ihren öffentlichen Schlüssel, Ihren Namen sowie Namen und Betriebssystem dieses Computers, wie oben gezeigt, damit ein Administrator erkennt, wer anfragt.</translation>
    </message>
    <message>
        <source>How you get on the VPN</source>
        <translation>So kommen Sie ins VPN</translation>
    </message>
    <message>
        <source>Key %1… made; its private half is in your keychain.</source>
        <translation>Schlüssel %1… erzeugt; sein privater Teil liegt in Ihrem Schlüsselbund.</translation>
    </message>
    <message>
        <source>No key yet.</source>
        <translation>Noch kein Schlüssel.</translation>
    </message>
    <message>
        <source>Your public key: %1</source>
        <translation>Ihr öffentlicher Schlüssel: %1</translation>
    </message>
    <message>
        <source>Connect when approved</source>
        <translation>Verbinden, sobald genehmigt</translation>
    </message>
    <message>
        <source>Ne&amp;w key</source>
        <translation>&amp;Neuer Schlüssel</translation>
    </message>
</context>
<context>
    <name>fvpn::ExportDialog</name>
    <message>
        <source>Include my private key (needed to connect with the WireGuard app)</source>
        <translation>Meinen privaten Schlüssel einschließen (nötig zum Verbinden mit der WireGuard-App)</translation>
    </message>
    <message>
        <source>Save as .conf…</source>
        <translation>Als .conf speichern…</translation>
    </message>
    <message>
        <source>Export the tunnel</source>
        <translation>Tunnel exportieren</translation>
    </message>
    <message>
        <source>Export your private key?</source>
        <translation>Ihren privaten Schlüssel exportieren?</translation>
    </message>
    <message>
        <source>The file and the QR code will contain your private key. Anyone who gets them can join the factory&apos;s VPN as you. Export the private key?</source>
        <translation>Die Datei und der QR-Code enthalten dann Ihren privaten Schlüssel. Wer sie bekommt, kann sich als Sie mit dem VPN der Fabrik verbinden. Den privaten Schlüssel exportieren?</translation>
    </message>
    <message>
        <source>Save the tunnel</source>
        <translation>Tunnel speichern</translation>
    </message>
    <message>
        <source>WireGuard configuration (*.conf)</source>
        <translation>WireGuard-Konfiguration (*.conf)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>This contains your private key: keep the file and the QR code to yourself.</source>
        <translation>Dies enthält Ihren privaten Schlüssel: Behalten Sie die Datei und den QR-Code für sich.</translation>
    </message>
    <message>
        <source>Without the private key: the WireGuard app needs you to add it before it can connect.</source>
        <translation>Ohne privaten Schlüssel: Sie müssen ihn in der WireGuard-App ergänzen, bevor sie sich verbinden kann.</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you; it contains your private key).</source>
        <translation>Gespeichert unter %1 (nur für Sie lesbar; enthält Ihren privaten Schlüssel).</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you).</source>
        <translation>Gespeichert unter %1 (nur für Sie lesbar).</translation>
    </message>
</context>
<context>
    <name>fvpn::HubClient</name>
    <message>
        <source>No hub address is set.</source>
        <translation>Keine Hub-Adresse festgelegt.</translation>
    </message>
    <message>
        <source>%1 did not present a certificate.</source>
        <translation>%1 hat kein Zertifikat vorgelegt.</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2</source>
        <translation>Der Hub unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>The hub at %1 did not answer in time.</source>
        <translation>Der Hub unter %1 hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, which this computer does not trust. Accept it only if your administrator confirms that fingerprint.</source>
        <translation>Der Hub unter %1 hat %2 vorgelegt, dem dieser Computer nicht vertraut. Akzeptieren Sie es nur, wenn Ihr Administrator diesen Fingerabdruck bestätigt.</translation>
    </message>
    <message>
        <source>The hub at %1 presented %2, not the certificate this app was told to trust (%3). Someone may be intercepting the connection; ask your administrator.</source>
        <translation>Der Hub unter %1 hat %2 vorgelegt, nicht das Zertifikat, dem diese App vertrauen soll (%3). Möglicherweise fängt jemand die Verbindung ab; fragen Sie Ihren Administrator.</translation>
    </message>
    <message>
        <source>The hub at %1 sent an answer larger than expected.</source>
        <translation>Der Hub unter %1 hat eine unerwartet große Antwort gesendet.</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %1: %2.</source>
        <translation>Der Hub unter %1 ist nicht erreichbar: %2.</translation>
    </message>
    <message>
        <source>The hub at %1 answered with something that is not JSON; is this the Factory VPN hub?</source>
        <translation>Der Hub unter %1 hat nicht mit JSON geantwortet; ist das der Factory-VPN-Hub?</translation>
    </message>
    <message>
        <source>The hub at %1 refused (HTTP %2)</source>
        <translation>Der Hub unter %1 hat abgelehnt (HTTP %2)</translation>
    </message>
    <message>
        <source>The hub answered about another request than the one asked for.</source>
        <translation>Der Hub hat zu einer anderen Anfrage geantwortet als der erfragten.</translation>
    </message>
    <message>
        <source>Checking the certificate of the hub at %1 was cancelled.</source>
        <translation>Die Prüfung des Zertifikats des Hubs unter %1 wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>fvpn::HubLink</name>
    <message>
        <source>%1 is not a web address (expected https://host or https://host:port)</source>
        <translation>%1 ist keine Webadresse (erwartet: https://host oder https://host:port)</translation>
    </message>
    <message>
        <source>The hub address must start with https:// (got %1); the hub serves its API over TLS.</source>
        <translation>Die Hub-Adresse muss mit https:// beginnen (erhalten: %1); der Hub bietet seine API über TLS an.</translation>
    </message>
    <message>
        <source>%1 has more than a host and port; give only https://host[:port]</source>
        <translation>%1 enthält mehr als Host und Port; geben Sie nur https://host[:port] an</translation>
    </message>
    <message>
        <source>The invite code in the link is empty or too long.</source>
        <translation>Der Einladungscode im Link ist leer oder zu lang.</translation>
    </message>
    <message>
        <source>The invite code %1 has characters an invite never contains.</source>
        <translation>Der Einladungscode %1 enthält Zeichen, die in keiner Einladung vorkommen.</translation>
    </message>
    <message>
        <source>Paste the hub&apos;s address (https://…) or the enrollment link you were given.</source>
        <translation>Fügen Sie die Adresse des Hubs (https://…) oder den Einladungslink ein, den Sie erhalten haben.</translation>
    </message>
    <message>
        <source>That text is far longer than an enrollment link.</source>
        <translation>Dieser Text ist viel länger als ein Einladungslink.</translation>
    </message>
    <message>
        <source>The link contains control characters; copy it again.</source>
        <translation>Der Link enthält Steuerzeichen; kopieren Sie ihn erneut.</translation>
    </message>
    <message>
        <source>%1 is not an enrollment link (expected %2://enroll?url=…)</source>
        <translation>%1 ist kein Einladungslink (erwartet: %2://enroll?url=…)</translation>
    </message>
    <message>
        <source>The enrollment link has an unknown part %1; is the app older than the hub?</source>
        <translation>Der Einladungslink hat einen unbekannten Teil %1; ist die App älter als der Hub?</translation>
    </message>
    <message>
        <source>The enrollment link names %1 twice.</source>
        <translation>Der Einladungslink nennt %1 zweimal.</translation>
    </message>
    <message>
        <source>The enrollment link has no hub address (url=…).</source>
        <translation>Der Einladungslink enthält keine Hub-Adresse (url=…).</translation>
    </message>
    <message>
        <source>The enrollment link has no certificate fingerprint (fp=sha256:…).</source>
        <translation>Der Einladungslink enthält keinen Zertifikat-Fingerabdruck (fp=sha256:…).</translation>
    </message>
    <message>
        <source>The link&apos;s fingerprint must start with &apos;sha256:&apos;.</source>
        <translation>Der Fingerabdruck im Link muss mit &apos;sha256:&apos; beginnen.</translation>
    </message>
    <message>
        <source>The enrollment link pins a certificate for a hub without TLS.</source>
        <translation>Der Einladungslink legt ein Zertifikat für einen Hub ohne TLS fest.</translation>
    </message>
</context>
<context>
    <name>fvpn::InvitesModel</name>
    <message>
        <source>Usable</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>Aufgebraucht</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Pre-approved</source>
        <translation>Vorab freigegeben</translation>
    </message>
    <message>
        <source>Needs approval</source>
        <translation>Braucht Freigabe</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Widerrufen am %1</translation>
    </message>
    <message>
        <source>Registrations with this invite join the VPN without an admin&apos;s approval</source>
        <translation>Registrierungen mit dieser Einladung kommen ohne Freigabe durch einen Admin ins VPN</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Nutzungen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
</context>
<context>
    <name>fvpn::InvitesView</name>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Filter by note, state or creator</source>
        <translation>Nach Notiz, Status oder Ersteller filtern</translation>
    </message>
    <message>
        <source>Enrollment link</source>
        <translation>Anmeldelink</translation>
    </message>
    <message>
        <source>Engineers paste this link into the app&apos;s first-run screen; their registration then waits for an admin&apos;s approval.</source>
        <translation>Techniker fügen diesen Link beim ersten Start der App ein; ihre Registrierung wartet dann auf die Freigabe durch einen Admin.</translation>
    </message>
    <message>
        <source>Invites</source>
        <translation>Einladungen</translation>
    </message>
    <message>
        <source>The link is on the clipboard.</source>
        <translation>Der Link ist in der Zwischenablage.</translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s)</source>
        <translation>
            <numerusform>%n Einladung</numerusform>
            <numerusform>%n Einladungen</numerusform>
        </translation>
    </message>
    <message>
        <source>The hub has no public URL, so it cannot make a link</source>
        <translation>Der Hub hat keine öffentliche URL und kann daher keinen Link erstellen</translation>
    </message>
    <message>
        <source>The hub serves plain HTTP: the link pins no certificate.</source>
        <translation>Der Hub verwendet unverschlüsseltes HTTP: Der Link legt kein Zertifikat fest.</translation>
    </message>
    <message>
        <source>The link pins the hub&apos;s certificate: %1</source>
        <translation>Der Link legt das Zertifikat des Hubs fest: %1</translation>
    </message>
    <message>
        <source>Created the invite.</source>
        <translation>Einladung erstellt.</translation>
    </message>
    <message>
        <source>the invite %1</source>
        <translation>Einladung %1</translation>
    </message>
    <message>
        <source>the invite “%1”</source>
        <translation>Einladung „%1“</translation>
    </message>
    <message>
        <source>Revoke %1?

Its link stops working at once. Engineers who already registered with it keep their access.</source>
        <translation>%1 widerrufen?

Ihr Link funktioniert ab sofort nicht mehr. Techniker, die sich bereits damit registriert haben, behalten ihren Zugang.</translation>
    </message>
    <message>
        <source>Revoke invite</source>
        <translation>Einladung widerrufen</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Revoked %1.</source>
        <translation>%1 widerrufen.</translation>
    </message>
</context>
<context>
    <name>fvpn::JourneySteps</name>
    <message>
        <source>Paste the link (or the hub&apos;s address) your administrator sent you.</source>
        <translation>Fügen Sie den Link (oder die Adresse des Hubs) ein, den Ihr Administrator Ihnen geschickt hat.</translation>
    </message>
    <message>
        <source>Generate your key. The private half stays in this computer&apos;s keychain; your desktop may ask you for a keyring password to protect it.</source>
        <translation>Erzeugen Sie Ihren Schlüssel. Der private Teil bleibt im Schlüsselbund dieses Computers; Ihr Desktop fragt vielleicht nach einem Passwort, das ihn schützt.</translation>
    </message>
    <message>
        <source>Register. The hub receives your name, this computer&apos;s name and OS, and your public key.</source>
        <translation>Registrieren Sie sich. Der Hub erhält Ihren Namen, Namen und Betriebssystem dieses Computers und Ihren öffentlichen Schlüssel.</translation>
    </message>
    <message>
        <source>Wait for an administrator to approve you. You can close this window: Factory VPN stays in the tray and tells you when you are approved.</source>
        <translation>Warten Sie auf die Freigabe durch einen Administrator. Sie können dieses Fenster schließen: Factory VPN bleibt im Infobereich und sagt Ihnen Bescheid, wenn Sie freigegeben sind.</translation>
    </message>
    <message>
        <source>Connect, and reach the factory&apos;s devices by their addresses.</source>
        <translation>Verbinden Sie sich und erreichen Sie die Geräte der Fabrik über ihre Adressen.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeyManager</name>
    <message>
        <source>Cannot generate a key</source>
        <translation>Schlüssel kann nicht erzeugt werden</translation>
    </message>
    <message>
        <source>Cannot keep the new key</source>
        <translation>Der neue Schlüssel kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot read your VPN key</source>
        <translation>Ihr VPN-Schlüssel kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The VPN key in the keychain is damaged (%1); generate a new key and register again.</source>
        <translation>Der VPN-Schlüssel im Schlüsselbund ist beschädigt (%1); erzeugen Sie einen neuen Schlüssel und registrieren Sie sich erneut.</translation>
    </message>
    <message>
        <source>Cannot delete your VPN key</source>
        <translation>Ihr VPN-Schlüssel kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key: it is no longer in the keychain. Replace your key again.</source>
        <translation>Wechsel zu Ihrem neuen VPN-Schlüssel nicht möglich: Er ist nicht mehr im Schlüsselbund. Ersetzen Sie Ihren Schlüssel erneut.</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key: the key in the keychain is not the one that was registered. Replace your key again.</source>
        <translation>Wechsel zu Ihrem neuen VPN-Schlüssel nicht möglich: Der Schlüssel im Schlüsselbund ist nicht der registrierte. Ersetzen Sie Ihren Schlüssel erneut.</translation>
    </message>
    <message>
        <source>Cannot switch to your new VPN key</source>
        <translation>Wechsel zu Ihrem neuen VPN-Schlüssel nicht möglich</translation>
    </message>
    <message>
        <source>Factory VPN keeps your VPN key only in the system keychain, never in a plain file.</source>
        <translation>Factory VPN bewahrt Ihren VPN-Schlüssel nur im Schlüsselbund des Systems auf, nie in einer einfachen Datei.</translation>
    </message>
    <message>
        <source>%1: there is no VPN key in the keychain. Generate a key first.</source>
        <translation>%1: Im Schlüsselbund ist kein VPN-Schlüssel. Erzeugen Sie zuerst einen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeyReplacer</name>
    <message>
        <source>Replacing your key: making your new key and sending it to the hub.</source>
        <translation>Schlüssel wird ersetzt: Ihr neuer Schlüssel wird erzeugt und an den Hub gesendet.</translation>
    </message>
    <message>
        <source>Replacing your key: your new key (%1) is waiting for an administrator&apos;s approval. Your current key keeps working until then.</source>
        <translation>Schlüssel wird ersetzt: Ihr neuer Schlüssel (%1) wartet auf die Freigabe durch einen Administrator. Bis dahin funktioniert Ihr aktueller Schlüssel weiter.</translation>
    </message>
    <message>
        <source>Replacing your key: your new key was approved; switching to it.</source>
        <translation>Schlüssel wird ersetzt: Ihr neuer Schlüssel wurde freigegeben; es wird zu ihm gewechselt.</translation>
    </message>
    <message>
        <source>Your key is already being replaced.</source>
        <translation>Ihr Schlüssel wird bereits ersetzt.</translation>
    </message>
    <message>
        <source>Only an approved key can be replaced; register first.</source>
        <translation>Nur ein freigegebener Schlüssel kann ersetzt werden; registrieren Sie sich zuerst.</translation>
    </message>
    <message>
        <source>Making your new key and storing it in the keychain…</source>
        <translation>Ihr neuer Schlüssel wird erzeugt und im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Your key was not replaced: the request for your new key cannot be followed (%1). You keep using your current key.</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: Die Anfrage für Ihren neuen Schlüssel kann nicht verfolgt werden (%1). Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Your key was not replaced: %1</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: %1</translation>
    </message>
    <message>
        <source>Sending your new key to the hub…</source>
        <translation>Ihr neuer Schlüssel wird an den Hub gesendet…</translation>
    </message>
    <message>
        <source>Your key was not replaced: %1 You keep using your current key.</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: %1 Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Your key was not replaced: the request for your new key was sent but cannot be followed, so it was withdrawn (%1).</source>
        <translation>Ihr Schlüssel wurde nicht ersetzt: Die Anfrage für Ihren neuen Schlüssel wurde gesendet, kann aber nicht verfolgt werden und wurde daher zurückgezogen (%1).</translation>
    </message>
    <message>
        <source>Your new key was rejected. You keep using your current key.</source>
        <translation>Ihr neuer Schlüssel wurde abgelehnt. Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Your new key was rejected (reason given: &quot;%1&quot;). You keep using your current key.</source>
        <translation>Ihr neuer Schlüssel wurde abgelehnt (angegebener Grund: „%1“). Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>The request for your new key was cancelled. You keep using your current key.</source>
        <translation>Die Anfrage für Ihren neuen Schlüssel wurde zurückgezogen. Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Your new key was revoked before this computer switched to it. You keep using your current key.</source>
        <translation>Ihr neuer Schlüssel wurde entzogen, bevor dieser Computer zu ihm gewechselt hat. Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Cannot check on your new key right now: %1</source>
        <translation>Ihr neuer Schlüssel kann gerade nicht geprüft werden: %1</translation>
    </message>
    <message>
        <source>Withdrawing your new key…</source>
        <translation>Ihr neuer Schlüssel wird zurückgezogen…</translation>
    </message>
    <message>
        <source>You withdrew your new key. You keep using your current key.</source>
        <translation>Sie haben Ihren neuen Schlüssel zurückgezogen. Sie verwenden weiter Ihren aktuellen Schlüssel.</translation>
    </message>
    <message>
        <source>Your new key was approved; switching to it…</source>
        <translation>Ihr neuer Schlüssel wurde freigegeben; Wechsel zum neuen Schlüssel…</translation>
    </message>
    <message>
        <source>Cannot switch yet: %1 Trying again when you click Check now or restart.</source>
        <translation>Wechsel noch nicht möglich: %1 Neuer Versuch, wenn Sie auf „Jetzt prüfen“ klicken oder die App neu starten.</translation>
    </message>
    <message>
        <source>Your key was replaced on %1. The old key was deleted from this computer and the hub no longer accepts it.</source>
        <translation>Ihr Schlüssel wurde am %1 ersetzt. Der alte Schlüssel wurde von diesem Computer gelöscht und wird vom Hub nicht mehr akzeptiert.</translation>
    </message>
</context>
<context>
    <name>fvpn::KeychainWords</name>
    <message>
        <source>Factory VPN cannot reach your keychain because it is not running in a desktop session. Start it from your desktop&apos;s menu (not over SSH or from a plain console).</source>
        <translation>Factory VPN erreicht Ihren Schlüsselbund nicht, weil es nicht in einer Desktop-Sitzung läuft. Starten Sie es aus dem Menü Ihres Desktops (nicht über SSH oder von einer reinen Konsole).</translation>
    </message>
    <message>
        <source>This computer has no keychain service running (such as GNOME Keyring or KWallet). Install one — on Debian or Ubuntu: sudo apt install gnome-keyring — log out and back in, then click Try again.</source>
        <translation>Auf diesem Computer läuft kein Schlüsselbund-Dienst (etwa GNOME Keyring oder KWallet). Installieren Sie einen – unter Debian oder Ubuntu: sudo apt install gnome-keyring –, melden Sie sich ab und wieder an und klicken Sie dann auf „Erneut versuchen“.</translation>
    </message>
    <message>
        <source>Your keychain has no keyring yet, and the window asking for a password for a new one was closed. Click Try again and choose a password: it protects your VPN key on this computer.</source>
        <translation>Es gibt noch keinen Schlüsselbund, und das Fenster, das nach einem Passwort für einen neuen fragte, wurde geschlossen. Klicken Sie auf „Erneut versuchen“ und wählen Sie ein Passwort: es schützt Ihren VPN-Schlüssel auf diesem Computer.</translation>
    </message>
    <message>
        <source>Your keychain is locked, and the window asking to unlock it was closed. Click Try again and unlock it with its password (usually your login password).</source>
        <translation>Ihr Schlüsselbund ist gesperrt, und das Fenster zum Entsperren wurde geschlossen. Klicken Sie auf „Erneut versuchen“ und entsperren Sie ihn mit seinem Passwort (meist Ihr Anmeldepasswort).</translation>
    </message>
    <message>
        <source>Access to your keychain was refused. Click Try again and allow Factory VPN to use it.</source>
        <translation>Der Zugriff auf Ihren Schlüsselbund wurde verweigert. Klicken Sie auf „Erneut versuchen“ und erlauben Sie Factory VPN, ihn zu nutzen.</translation>
    </message>
    <message>
        <source>Your keychain reported an error. Click Try again; if it happens again, the app&apos;s log has the details.</source>
        <translation>Ihr Schlüsselbund hat einen Fehler gemeldet. Klicken Sie auf „Erneut versuchen“; passiert es wieder, steht das Genaue im Protokoll der App.</translation>
    </message>
</context>
<context>
    <name>fvpn::MainWindow</name>
    <message>
        <source>Factory VPN</source>
        <translation>Factory VPN</translation>
    </message>
</context>
<context>
    <name>fvpn::MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <source> (×%1)</source>
        <translation> (×%1)</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weitere</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::NetworkManagerBackend</name>
    <message>
        <source>NetworkManager could not activate the tunnel</source>
        <translation>NetworkManager konnte den Tunnel nicht aktivieren</translation>
    </message>
    <message>
        <source>NetworkManager could not save the tunnel profile</source>
        <translation>NetworkManager konnte das Tunnel-Profil nicht speichern</translation>
    </message>
    <message>
        <source>NetworkManager could not disconnect the tunnel</source>
        <translation>NetworkManager konnte den Tunnel nicht trennen</translation>
    </message>
    <message>
        <source>The tunnel backend was replaced while the tunnel was connecting.</source>
        <translation>Das Tunnel-Backend wurde ersetzt, während der Tunnel aufgebaut wurde.</translation>
    </message>
    <message>
        <source>NetworkManager over the system D-Bus: profile &quot;%1&quot; (%2) on interface %3, the key given by the app&apos;s secret agent only while it connects; status read with wg, run %4</source>
        <translation>NetworkManager über den System-D-Bus: Profil „%1“ (%2) auf Schnittstelle %3, den Schlüssel gibt der Secret Agent der App nur während des Verbindungsaufbaus heraus; Status gelesen mit wg, ausgeführt %4</translation>
    </message>
    <message>
        <source>The tunnel is already being connected.</source>
        <translation>Der Tunnel wird bereits aufgebaut.</translation>
    </message>
    <message>
        <source>The tunnel has no private key.</source>
        <translation>Der Tunnel hat keinen privaten Schlüssel.</translation>
    </message>
</context>
<context>
    <name>fvpn::NewInviteForm</name>
    <message>
        <source>New invite</source>
        <translation>Neue Einladung</translation>
    </message>
    <message>
        <source>Approve registrations at once</source>
        <translation>Registrierungen sofort freigeben</translation>
    </message>
    <message>
        <source>Create invite</source>
        <translation>Einladung erstellen</translation>
    </message>
    <message>
        <source>How many engineers can register with this invite</source>
        <translation>Wie viele Techniker sich mit dieser Einladung registrieren können</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>never expires</source>
        <translation>läuft nie ab</translation>
    </message>
    <message>
        <source>0 hours: the invite never expires</source>
        <translation>0 Stunden: Die Einladung läuft nie ab</translation>
    </message>
    <message>
        <source>Anyone who has this link joins the VPN without an admin looking at the request, until the invite is used up, expires or is revoked.</source>
        <translation>Wer diesen Link hat, kommt ins VPN, ohne dass ein Admin die Anfrage prüft – bis die Einladung aufgebraucht ist, abläuft oder widerrufen wird.</translation>
    </message>
    <message>
        <source>For whom or why, e.g. night shift (optional)</source>
        <translation>Für wen oder wozu, z. B. Nachtschicht (optional)</translation>
    </message>
    <message>
        <source>Uses:</source>
        <translation>Nutzungen:</translation>
    </message>
    <message>
        <source>Valid for:</source>
        <translation>Gültig für:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>The new invite&apos;s link. Copy it now: it will not be shown again.</source>
        <translation>Der Link der neuen Einladung. Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.</translation>
    </message>
    <message>
        <source>The hub has no public URL for a link, so here is the invite code. Copy it now: it will not be shown again.</source>
        <translation>Der Hub hat keine öffentliche URL für einen Link, daher hier der Einladungscode. Kopieren Sie ihn jetzt: Er wird nicht noch einmal angezeigt.</translation>
    </message>
</context>
<context>
    <name>fvpn::ProfileForm</name>
    <message>
        <source>Save and connect</source>
        <translation>Speichern und verbinden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Connect to a hub&apos;s admin API</source>
        <translation>Mit der Admin-API eines Hubs verbinden</translation>
    </message>
    <message>
        <source>The hub&apos;s admin API listens on its VPN address, port 8444 (plain HTTP inside the tunnel), so connect to the VPN first. Get a token on the hub with &apos;factory-vpn-hub token create --name &lt;you&gt;&apos;. The token is kept in this computer&apos;s keychain, never in a file. A certificate pin is only needed for an https:// URL with a certificate of the hub&apos;s own.</source>
        <translation>Die Admin-API des Hubs lauscht auf seiner VPN-Adresse, Port 8444 (einfaches HTTP im Tunnel); verbinden Sie sich also zuerst mit dem VPN. Ein Token erhalten Sie auf dem Hub mit &apos;factory-vpn-hub token create --name &lt;Sie&gt;&apos;. Das Token liegt im Schlüsselbund dieses Computers, nie in einer Datei. Eine Zertifikat-Festlegung ist nur für eine https://-URL mit einem eigenen Zertifikat des Hubs nötig.</translation>
    </message>
    <message>
        <source>Plant 2 hub</source>
        <translation>Hub Werk 2</translation>
    </message>
    <message>
        <source>http://10.42.42.1:8444</source>
        <translation>http://10.42.42.1:8444</translation>
    </message>
    <message>
        <source>admin token</source>
        <translation>Admin-Token</translation>
    </message>
    <message>
        <source>optional: SHA-256 fingerprint of the hub&apos;s certificate</source>
        <translation>optional: SHA-256-Fingerabdruck des Hub-Zertifikats</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Admin URL:</source>
        <translation>Admin-URL:</translation>
    </message>
    <message>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Certificate pin:</source>
        <translation>Zertifikat-Festlegung:</translation>
    </message>
    <message>
        <source>leave empty to keep the stored token</source>
        <translation>leer lassen, um das gespeicherte Token zu behalten</translation>
    </message>
</context>
<context>
    <name>fvpn::QrCode</name>
    <message>
        <source>The configuration is too long for a QR code.</source>
        <translation>Die Konfiguration ist zu lang für einen QR-Code.</translation>
    </message>
</context>
<context>
    <name>fvpn::QuitGuard</name>
    <message>
        <source>Quit Factory VPN</source>
        <translation>Factory VPN beenden</translation>
    </message>
    <message>
        <source>The VPN tunnel is up. Disconnect it before quitting?</source>
        <translation>Der VPN-Tunnel ist aktiv. Vor dem Beenden trennen?</translation>
    </message>
    <message>
        <source>Yes disconnects and quits. No quits and leaves the tunnel up; it then runs without the app showing its state.</source>
        <translation>„Ja“ trennt und beendet. „Nein“ beendet und lässt den Tunnel aktiv; er läuft dann weiter, ohne dass die App seinen Status anzeigt.</translation>
    </message>
</context>
<context>
    <name>fvpn::RegistrationStatus</name>
    <message>
        <source>Waiting for an administrator to approve your request.</source>
        <translation>Ihre Anfrage wartet auf die Freigabe durch einen Administrator.</translation>
    </message>
    <message>
        <source>Your request was approved.</source>
        <translation>Ihre Anfrage wurde freigegeben.</translation>
    </message>
    <message>
        <source>Your request was rejected.</source>
        <translation>Ihre Anfrage wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Your access was revoked.</source>
        <translation>Ihr Zugang wurde entzogen.</translation>
    </message>
    <message>
        <source>Your request was cancelled.</source>
        <translation>Ihre Anfrage wurde zurückgezogen.</translation>
    </message>
</context>
<context>
    <name>fvpn::RequestsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>Hostname</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>Gesendet von</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefragt</translation>
    </message>
</context>
<context>
    <name>fvpn::ToolRunner</name>
    <message>
        <source>directly, as root</source>
        <translation>direkt, als root</translation>
    </message>
    <message>
        <source>directly</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>through %1 and the helpers in %2</source>
        <translation>über %1 und die Hilfsprogramme in %2</translation>
    </message>
    <message>
        <source>through &apos;%1&apos;</source>
        <translation>über &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>fvpn::TrayIcon</name>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Open Factory VPN</source>
        <translation>Factory VPN öffnen</translation>
    </message>
    <message>
        <source>Copy my VPN address</source>
        <translation>Meine VPN-Adresse kopieren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Factory VPN</source>
        <translation>Factory VPN</translation>
    </message>
    <message>
        <source>Your request was approved. You can connect now.</source>
        <translation>Ihre Anfrage wurde freigegeben. Sie können sich jetzt verbinden.</translation>
    </message>
    <message>
        <source>Factory VPN: %1</source>
        <translation>Factory VPN: %1</translation>
    </message>
    <message>
        <source>Your address: %1</source>
        <translation>Ihre Adresse: %1</translation>
    </message>
    <message>
        <source>Last handshake: %1</source>
        <translation>Letzter Handshake: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelController</name>
    <message>
        <source>There is no approved tunnel to connect yet.</source>
        <translation>Es gibt noch keinen freigegebenen Tunnel zum Verbinden.</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelPage</name>
    <message>
        <source>Replace my key…</source>
        <translation>Meinen Schlüssel ersetzen…</translation>
    </message>
    <message>
        <source>Withdraw the new key</source>
        <translation>Neuen Schlüssel zurückziehen</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>wg-quick</source>
        <translation>wg-quick</translation>
    </message>
    <message>
        <source>NetworkManager</source>
        <translation>NetworkManager</translation>
    </message>
    <message>
        <source>Diagnostics…</source>
        <translation>Diagnose…</translation>
    </message>
    <message>
        <source>Export for the WireGuard app…</source>
        <translation>Für die WireGuard-App exportieren…</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Your VPN address:</source>
        <translation>Ihre VPN-Adresse:</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Hub:</translation>
    </message>
    <message>
        <source>Hub seen at:</source>
        <translation>Hub erreicht unter:</translation>
    </message>
    <message>
        <source>Last handshake:</source>
        <translation>Letzter Handshake:</translation>
    </message>
    <message>
        <source>Transfer:</source>
        <translation>Datenvolumen:</translation>
    </message>
    <message>
        <source>Tunnel backend:</source>
        <translation>Tunnel-Backend:</translation>
    </message>
    <message>
        <source>Factory devices you can reach</source>
        <translation>Geräte der Fabrik, die Sie erreichen</translation>
    </message>
    <message>
        <source>Withdraw the request for your new key? Your current key stays in use.</source>
        <translation>Die Anfrage für Ihren neuen Schlüssel zurückziehen? Ihr aktueller Schlüssel bleibt in Gebrauch.</translation>
    </message>
    <message>
        <source>Forget this approval? You will have to register again and wait for an administrator.</source>
        <translation>Diese Freigabe vergessen? Sie müssen sich dann neu registrieren und auf einen Administrator warten.</translation>
    </message>
    <message>
        <source>Replace my key</source>
        <translation>Meinen Schlüssel ersetzen</translation>
    </message>
    <message>
        <source>Make a new key and ask the hub to approve it?

Your current key and connection keep working until an administrator approves the new key. Then this computer switches to it, the old key is deleted from the keychain and the hub no longer accepts it. If the new key is rejected, nothing changes.</source>
        <translation>Einen neuen Schlüssel erzeugen und beim Hub zur Freigabe einreichen?

Ihr aktueller Schlüssel und Ihre Verbindung funktionieren weiter, bis ein Administrator den neuen Schlüssel freigibt. Dann wechselt dieser Computer zum neuen Schlüssel, der alte wird aus dem Schlüsselbund gelöscht und vom Hub nicht mehr akzeptiert. Wird der neue Schlüssel abgelehnt, ändert sich nichts.</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>%1 (VPN address %2)</source>
        <translation>%1 (VPN-Adresse %2)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 received, %2 sent</source>
        <translation>%1 empfangen, %2 gesendet</translation>
    </message>
</context>
<context>
    <name>fvpn::TunnelStatus</name>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>No recent handshake</source>
        <translation>Kein aktueller Handshake</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Bringing the tunnel up…</source>
        <translation>Tunnel wird aufgebaut…</translation>
    </message>
    <message>
        <source>The tunnel interface exists but does not lead to the hub; disconnect and connect again.</source>
        <translation>Die Tunnel-Schnittstelle existiert, führt aber nicht zum Hub. Trennen Sie die Verbindung und verbinden Sie sich neu.</translation>
    </message>
    <message>
        <source>Last handshake %1.</source>
        <translation>Letzter Handshake %1.</translation>
    </message>
    <message>
        <source>Waiting for the hub to answer…</source>
        <translation>Warte auf Antwort vom Hub…</translation>
    </message>
    <message>
        <source>the hub</source>
        <translation>den Hub</translation>
    </message>
    <message>
        <source>The hub has not answered yet. UDP to %1 may be blocked by a firewall, or the hub does not know your key.</source>
        <translation>Der Hub hat noch nicht geantwortet. Entweder blockiert eine Firewall UDP zu %1, oder der Hub kennt Ihren Schlüssel nicht.</translation>
    </message>
    <message>
        <source>The last handshake with the hub was %1. UDP to %2 may be blocked, or the hub is down.</source>
        <translation>Der letzte Handshake mit dem Hub war %1. Entweder ist UDP zu %2 blockiert, oder der Hub ist ausgefallen.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fvpn::WgQuickBackend</name>
    <message>
        <source>wg-quick on interface %1, run %2</source>
        <translation>wg-quick auf Schnittstelle %1, ausgeführt %2</translation>
    </message>
    <message>
        <source>XDG_RUNTIME_DIR is not set, so there is no private memory-backed folder for the tunnel configuration; log in through a desktop session.</source>
        <translation>XDG_RUNTIME_DIR ist nicht gesetzt, daher gibt es keinen privaten Ordner im Arbeitsspeicher für die Tunnel-Konfiguration; melden Sie sich über eine Desktop-Sitzung an.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>%1 is readable by others or not owned by you; refusing to put the VPN key there.</source>
        <translation>%1 ist für andere lesbar oder gehört nicht Ihnen; der VPN-Schlüssel wird dort nicht abgelegt.</translation>
    </message>
    <message>
        <source>The tunnel has no private key.</source>
        <translation>Der Tunnel hat keinen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Permission to change the network was not given (%1).</source>
        <translation>Die Berechtigung, das Netzwerk zu ändern, wurde nicht erteilt (%1).</translation>
    </message>
    <message>
        <source>wg-quick %1 %2 failed: %3</source>
        <translation>wg-quick %1 %2 ist fehlgeschlagen: %3</translation>
    </message>
</context>
<context>
    <name>fvpn::WgStatusReader</name>
    <message>
        <source>Cannot read the state of %1: %2</source>
        <translation>Der Zustand von %1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>fvpn::main</name>
    <message>
        <source>&amp;VPN access</source>
        <translation>VPN-&amp;Zugang</translation>
    </message>
</context>
</TS>
