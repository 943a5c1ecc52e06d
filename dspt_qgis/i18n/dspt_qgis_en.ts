<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>DsptAlgorithm</name>
    <message>
        <location filename="../../processing_algs/base.py" line="32"/>
        <source>1 Prepare DSPT data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/base.py" line="33"/>
        <source>2 ICS analysis and reporting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DsptPlugin</name>
    <message>
        <location filename="../plugin.py" line="65"/>
        <source>DSPT tools in the Processing Toolbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="65"/>
        <source>Add sample layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="65"/>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="107"/>
        <source>Choose a DSPT demo GeoPackage (out/dspt_demo.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="107"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="119"/>
        <source>Cannot open {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../plugin.py" line="124"/>
        <source>DSPT sample</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IcsCompositeAlgorithm</name>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="319"/>
        <source>ICS composite score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="107"/>
        <source>ICS layer (STP / ICB polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="115"/>
        <source>Commissioners (CCG / sub-ICB / ICB) with status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="146"/>
        <source>Trusts with status (table, or points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="173"/>
        <source>Trusts: the weight field holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="181"/>
        <source>EPRR tier weights (tier=weight)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="188"/>
        <source>Commissioner share of the composite (trust share = 1 - it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="198"/>
        <source>When an ICS has no trusts or no commissioners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="206"/>
        <source>Scores (e.g. &apos;Not Published=-4&apos;; empty = published method)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="213"/>
        <source>ICS composite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/ics_composite.py" line="218"/>
        <source>Organisations not counted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportExportAlgorithm</name>
    <message>
        <location filename="../../processing_algs/import_export.py" line="50"/>
        <source>Import DSPT status export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="76"/>
        <source>DSPT status export (CSV or XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="76"/>
        <source>DSPT exports (*.csv *.CSV *.xlsx *.xls);;All files (*.*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="82"/>
        <source>A file path, or a table layer already in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="84"/>
        <source>DSPT edition (e.g. 20/21; empty = newest in the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="189"/>
        <source>DSPT statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="109"/>
        <source>Import report (every input row and what happened to it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="145"/>
        <source>Reading {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="161"/>
        <source>Columns used: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="177"/>
        <source>Edition {}: {} organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/import_export.py" line="201"/>
        <source>{}: neither a readable file nor a table layer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinStatusAlgorithm</name>
    <message>
        <location filename="../../processing_algs/join_status.py" line="46"/>
        <source>Join DSPT status to organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="67"/>
        <source>Organisations layer (CCG / sub-ICB / ICB polygons, trust points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="74"/>
        <source>Code field (ODS or ONS code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="81"/>
        <source>DSPT table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="86"/>
        <source>DSPT code field (empty = code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="95"/>
        <source>DSPT fields to add (empty = the standard status fields)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="104"/>
        <source>DSPT status field (to style the output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="112"/>
        <source>Code lookup table (optional, e.g. ONS -&gt; ODS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="120"/>
        <source>Lookup: field with the layer&apos;s codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="128"/>
        <source>Lookup: field with the DSPT codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="136"/>
        <source>Organisations with DSPT status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="141"/>
        <source>Unmatched features and DSPT rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="161"/>
        <source>The organisations layer and the DSPT table are required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/join_status.py" line="287"/>
        <source>DSPT status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocateOrganisationsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="216"/>
        <source>Organisation points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="76"/>
        <source>Organisations table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="87"/>
        <source>Postcode lookup table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/locate_organisations.py" line="107"/>
        <source>Organisations not located</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummaryTableAlgorithm</name>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="35"/>
        <source>Summary of compliance by sector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="52"/>
        <source>DSPT table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="57"/>
        <source>Sector field (empty = sector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="66"/>
        <source>Status field (empty = status)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="75"/>
        <source>Summary of compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="80"/>
        <source>HTML report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="80"/>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/summary_table.py" line="135"/>
        <source>HTML report written to {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrustProportionsAlgorithm</name>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="41"/>
        <source>Trust compliance proportions per ICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="63"/>
        <source>ICS layer (STP / ICB polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="70"/>
        <source>ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="75"/>
        <source>Trusts with status (table, or points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="82"/>
        <source>Trusts: ICS code field (empty = the ICS polygon containing each point)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="90"/>
        <source>Trusts: status field (empty = status)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="99"/>
        <source>Trusts: code field (empty = code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="108"/>
        <source>Population table (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="116"/>
        <source>Population: ICS code field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="124"/>
        <source>Population: population field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="205"/>
        <source>Trust compliance proportions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="140"/>
        <source>Trusts not counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../processing_algs/trust_proportions.py" line="202"/>
        <source>No population table: the ICSs are shaded by number of trusts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
