<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
  <context>
    <name>CompareEditionsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="136" />
      <source>Compare two DSPT editions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="139" />
      <source>What changed since last year: each organisation's status in an earlier and a later edition, usually two outputs of 'Import DSPT status export'.&lt;br&gt;&lt;br&gt;An organisation in both editions is compared with itself. One only in the earlier edition that closed into a successor (give a &lt;b&gt;successor table&lt;/b&gt;: old code -&gt; new code, e.g. the export's Successor.Code column or ODS successor data; chains are followed) is compared with its successor's later status, and its row says so. Otherwise it is &lt;i&gt;gone&lt;/i&gt;; one only in the later edition is &lt;i&gt;new&lt;/i&gt;. &lt;i&gt;Improved&lt;/i&gt;, &lt;i&gt;unchanged&lt;/i&gt; and &lt;i&gt;declined&lt;/i&gt; compare the statuses' scores ({scores}), so Not Met to Not Published is unchanged (the matrix still shows the move).&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: one row per organisation: code, name, sector, status_before, status_after, score_before, score_after, score_change, direction, compared_with (the successor followed), note, edition_before, edition_after. An earlier edition that is not earlier than the later one stops the run. When an input has geometry (trust points, commissioner areas), the rows keep it (the later edition's first) and are styled by direction. &lt;b&gt;Transition matrix&lt;/b&gt;: earlier status x later status counts per sector and for all sectors. &lt;b&gt;HTML report&lt;/b&gt;: the counts, a flow chart of status transitions, the matrix and every organisation whose score moved, in one offline page.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="168" />
      <source>Change per organisation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="170" />
      <source>One row per organisation of either edition; styled by direction when it has geometry.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="178" />
      <source>Transition matrix</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="182" />
      <source>Earlier status x later status counts, per sector and for all sectors.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="187" />
      <source>Counts, a flow chart of transitions, the matrix and the organisations whose score moved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="283" />
      <source>{} has another geometry type than {}: its shapes are not used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="303" />
      <source>DSPT status change</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CrosswalkAlgorithm</name>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="218" />
      <source>Commissioner statuses on a newer geography</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="223" />
      <source>Carries one edition's commissioner statuses onto a newer geography, e.g. 2022/23 ICB statuses onto the April 2026 ICBs, through the small areas both are built from (sub-ICB locations).&lt;br&gt;&lt;br&gt;Each small area of the &lt;b&gt;new lookup&lt;/b&gt; (small area -&gt; new ICS, with its population, e.g. registered patients) takes the status of the organisation that covered it in the old geography: the &lt;b&gt;old lookup&lt;/b&gt; says which (small area -&gt; e.g. its 2023 ICB); without an old lookup the statuses are the small areas' own. A small area formed from several organisations (2020 CCGs merged in April 2021) is listed in the old lookup under each, with a &lt;b&gt;share field&lt;/b&gt; (e.g. their registered patients): its weight is split between them, one row per part, and matched_by says how. A small area whose code the old geography lacks is matched from the boundaries: the old small area covering most of its new ICS that the ICS's other small areas do not cover (give the old small areas' and the new ICSs' boundaries); the log and the matched_by field give the overlap.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the new lookup's rows with code (the small area; small area/organisation for a part of one), status_code and status_name (whose status it takes), decided_by (the submission deciding that status: a successor's, or status_code), status, score, weight, area_part (the part of the small area: 1 unless shared), ics_share (its share of its ICS's weight), old_area and matched_by. Feed it to 'ICS composite score' as the commissioners, with the new ICS field as their ICS code and weight as their population: an old ICB split between two new ones then counts in each in proportion to its small areas' population, and a new ICB made of several old ones gets their population-weighted mean. &lt;b&gt;Shares&lt;/b&gt;: each old organisation's share of each new ICS.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="263" />
      <source>Small areas with status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="265" />
      <source>One row per small area of the new lookup, ready for 'ICS composite score'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="270" />
      <source>Shares of each new ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="271" />
      <source>Each old organisation's share of each new ICS's population: the weights used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="356" />
      <source>ICS {}: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="374" />
      <source>Small area(s) {} of the new lookup are not in the old geography: give the old small areas' and the new ICSs' boundaries to match them by area, or add them to the old lookup.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="379" />
      <source>Matching {} by area.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptAlgorithm</name>
    <message>
      <location filename="../../processing_algs/support/algorithm.py" line="36" />
      <source>1 Prepare DSPT data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/algorithm.py" line="37" />
      <source>2 ICS analysis and reporting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/algorithm.py" line="40" />
      <source>3 Editions and geographies over time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/feedback.py" line="16" />
      <source>Cancelled by the user; no output was written.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptDiagnostics</name>
    <message>
      <location filename="../../processing_algs/support/diagnostics.py" line="46" />
      <source>the output '{}' lists them all.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/diagnostics.py" line="48" />
      <source>ask for the output '{}' to list them all.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/diagnostics.py" line="53" />
      <source>... and {} more; </source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptOutputs</name>
    <message>
      <location filename="../../processing_algs/support/commit.py" line="111" />
      <source>Could not put the results in place: {}. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/commit.py" line="115" />
      <source>Could not put the results in place: {}; if it is open in another program (on Windows), close it and run again. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/commit.py" line="120" />
      <source>Could not put the results in place: {} cannot be replaced ({}). It may be open in another program or in QGIS (remove its layer from the project); close it and run again. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/writers.py" line="88" />
      <source>the output was already closed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="195" />
      <location filename="../../processing_algs/support/writers.py" line="110" />
      <source>Could not write the output '{}': {}. Nothing was changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/writers.py" line="113" />
      <source>Could not write row {} of the output '{}' ({}): {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/writers.py" line="193" />
      <source>The output '{}' ({}) names fields differently: {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/output_styles.py" line="65" />
      <source>Could not store the default style of {}: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="92" />
      <source>The outputs '{}' and '{}' both go to {}; give each its own file or table.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="163" />
      <source>QGIS could not create it</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="167" />
      <source>Could not create the output '{}' ({}): {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="198" />
      <source>Could not write {}: {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="199" />
      <source>a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="315" />
      <source>The output '{}' would replace the whole file {}, which holds the input '{}' ({}). Nothing was written. Give the output a table of its own (e.g. {}|layername=new_table) or another file.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/transaction.py" line="321" />
      <source>The output '{}' ({}) would write over the input '{}' ({}). Nothing was written. Choose another file or table for the output.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptParameters</name>
    <message>
      <location filename="../../processing_algs/join_status.py" line="60" />
      <location filename="../../processing_algs/summary_table.py" line="29" />
      <source>DSPT table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="61" />
      <location filename="../../processing_algs/summary_table.py" line="30" />
      <source>Usually the output of 'Import DSPT status export'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="35" />
      <source>Sector field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="36" />
      <source>Empty means the field called sector.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="62" />
      <location filename="../../processing_algs/compare_editions.py" line="76" />
      <location filename="../../processing_algs/summary_table.py" line="42" />
      <source>Status field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="56" />
      <location filename="../../processing_algs/summary_table.py" line="43" />
      <source>Empty means the field called status.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="38" />
      <source>Usually the output of 'Import DSPT status export'; a name and a sector field are used when the table has them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="45" />
      <source>Earlier edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="47" />
      <source>Statuses of the earlier edition, e.g. 2020/21. {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="55" />
      <source>Later edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="57" />
      <source>Statuses of the later edition, e.g. 2022/23. {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="52" />
      <location filename="../../processing_algs/locate_organisations.py" line="49" />
      <location filename="../../processing_algs/join_status.py" line="48" />
      <location filename="../../processing_algs/compare_editions.py" line="64" />
      <source>Code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="65" />
      <source>The field holding each organisation's ODS code, in both tables; empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="77" />
      <source>The field holding the status, in both tables; empty means the field called status. A blank status counts as Not Published.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="91" />
      <source>Successor table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="92" />
      <source>Old code -&gt; new code for organisations that merged or closed; rows without a new code are ignored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="101" />
      <source>Successor table: old code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="102" />
      <source>The field holding the code of the organisation that closed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="110" />
      <source>Successor table: new code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/compare_editions.py" line="111" />
      <source>The field holding its successor's code (e.g. Successor.Code).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="39" />
      <source>Organisations layer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="40" />
      <source>CCG, sub-ICB location or ICB boundaries, or trust points.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="49" />
      <source>The layer's field holding the organisations' codes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="66" />
      <source>DSPT code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="67" />
      <source>The DSPT table's code field; empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="76" />
      <source>DSPT status field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="77" />
      <source>The field holding the status: it styles the output and decides which repeated rows are the same organisation. Empty means the field called status.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="89" />
      <source>Code lookup table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="90" />
      <source>Translates the layer's codes to DSPT codes, e.g. the ONS CCG20CD -&gt; CCG20CDH (ODS) lookup.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="95" />
      <source>Lookup: field with the layer's codes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="96" />
      <source>The lookup's field holding the same codes as the layer's code field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="101" />
      <source>Lookup: field with the DSPT codes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="102" />
      <source>The lookup's field holding the codes the DSPT table uses.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="43" />
      <source>Population table: ICS code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="44" />
      <source>The same kind of code as the ICS layer's code field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="48" />
      <source>Rows with an ICS code and a population, summed per ICS to shade the map.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="47" />
      <source>Change since the previous edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="48" />
      <source>Optional: the output of 'Compare two DSPT editions' (code, direction, status_before): each organisation's row then says how its status moved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="58" />
      <source>Composites over editions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="59" />
      <source>Optional: the output of 'ICS composites over editions' on the same ICSs: each page then shows the ICS's composites edition by edition and how they were carried onto its boundaries.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="48" />
      <source>Summary of compliance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="49" />
      <source>The output of 'Summary of compliance by sector'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="41" />
      <source>Organisations table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="42" />
      <source>A table of organisations, e.g. the trusts of an imported export.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="50" />
      <source>The organisations' codes, for the report; empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="61" />
      <source>Latitude field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="62" />
      <source>WGS84 latitude in degrees (49 to 61 in the UK).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="67" />
      <source>Longitude field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="68" />
      <source>WGS84 longitude in degrees (-9 to 2 in the UK).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="73" />
      <source>Postcode field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="74" />
      <source>Used for rows without valid coordinates, with the postcode lookup.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="82" />
      <source>Give latitude and longitude, or easting and northing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="87" />
      <source>Postcode lookup table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="88" />
      <source>A postcode table such as an ONS Postcode Directory extract.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="96" />
      <source>Lookup: postcode field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="102" />
      <source>Lookup: latitude field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="108" />
      <source>Lookup: longitude field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="114" />
      <source>Lookup: easting field (EPSG:27700)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="120" />
      <source>Lookup: northing field (EPSG:27700)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="27" />
      <source>Organisations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="28" />
      <source>A table or layer with each organisation's ODS code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="33" />
      <source>Organisation code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="36" />
      <location filename="../../processing_algs/ods_membership.py" line="34" />
      <source>Empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="43" />
      <source>ODS records</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="44" />
      <source>The output of 'Read ODS bulk files'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="49" />
      <source>ODS records: code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="47" />
      <location filename="../../processing_algs/ods_membership.py" line="50" />
      <source>Empty means code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="58" />
      <source>ODS records: ICS code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="59" />
      <source>Empty means high_level_health_geography.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="67" />
      <source>Lookup: ODS ICS code to ICS layer code</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="68" />
      <source>E.g. lookups/ccg21_stp21_nhser21.csv (STP21CDH -&gt; STP21CD).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="72" />
      <source>Lookup: field with ODS ICS codes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="73" />
      <source>E.g. STP21CDH or ICB23CDH.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="76" />
      <source>Lookup: field with the ICS layer's codes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="77" />
      <source>E.g. STP21CD or ICB23CD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="37" />
      <source>Closed organisations (ODS records)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="38" />
      <source>Close dates per organisation, e.g. the output of 'Read ODS bulk files'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="46" />
      <source>Closed organisations: code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="55" />
      <source>Closed organisations: close date field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="56" />
      <source>Empty means close_date. Dates, 2022-03-31 or 20220331.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="52" />
      <source>{}: decided-by field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="53" />
      <source>The field naming the organisation whose submission decides each status (a successor's code; empty: the organisation's own), as 'Import DSPT status export' writes it. Organisations one submission decides move together, in one row. Empty: the field called decided_by, when there is one, else each its own.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="144" />
      <location filename="../../processing_algs/improvement_gains.py" line="70" />
      <source>Commissioners</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="152" />
      <location filename="../../processing_algs/improvement_gains.py" line="73" />
      <source>Trusts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="42" />
      <source>Commissioner statuses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="43" />
      <source>One edition's commissioner statuses, usually the output of 'Import DSPT status export' (e.g. the 2022/23 ICBs).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="53" />
      <source>The statuses' ODS code field; empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="63" />
      <source>The statuses' status field; empty means the field called status.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="73" />
      <source>Old lookup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="74" />
      <source>The old geography's small areas and the organisation each belonged to, e.g. ONS sicbl23_icb23_nhser23. Empty: the statuses are the small areas' own.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="84" />
      <source>Old lookup: small area code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="85" />
      <source>E.g. SICBL23CDH (ODS codes, as the new lookup's).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="93" />
      <source>Old lookup: organisation code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="94" />
      <source>The code of the organisation whose status the area takes, as in the statuses, e.g. ICB23CDH.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="102" />
      <source>Old lookup: share field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="103" />
      <source>Only where a small area was formed from several organisations (e.g. 2020 CCGs merged in April 2021), listed once under each: each one's share of it, e.g. its registered patients. The small area's weight is split between them in proportion.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="115" />
      <source>New lookup</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="116" />
      <source>The new geography's small areas, each with its ICS and population, e.g. sicbl26_icb26_nhser26 with registered patients.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="125" />
      <source>New lookup: small area code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="126" />
      <source>E.g. SICBL26CDH.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="133" />
      <source>New lookup: ICS code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="134" />
      <source>E.g. ICB26CD: the code the new ICS boundaries carry.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="142" />
      <source>New lookup: population field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="143" />
      <source>Each small area's weight within its ICS, e.g. registered_patients.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="154" />
      <source>Old small areas (boundaries)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="155" />
      <source>Needed only when a small area of the new lookup is not in the old one, e.g. sub-ICB locations July 2022.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="165" />
      <source>Old small areas: code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="166" />
      <source>The same codes as the old lookup's small areas, e.g. SICBL22CDH.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="176" />
      <source>New ICS boundaries</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="177" />
      <source>Needed with the old small areas, e.g. ICB April 2026.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="184" />
      <source>New ICS boundaries: code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/crosswalk.py" line="185" />
      <source>The same codes as the new lookup's ICS field, e.g. ICB26CD.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/gains_and_ranges.py" line="25" />
      <source>What would raise the composite (gains table)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/gains_and_ranges.py" line="26" />
      <source>Optional: the output of 'What would raise each ICS's composite' for this composite: each ICS's largest gains if one organisation's submission reached Standards Met (organisation, status now, gain, the ICS's rank after) are shown beside its composite. It must be of the composite's edition, ICSs and method: a difference stops the run naming both.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="35" />
      <source>{}: code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="44" />
      <source>{}: name field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="45" />
      <source>Empty means the field called name, when there is one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="98" />
      <location filename="../../processing_algs/support/map_inputs.py" line="55" />
      <source>{}: status field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="68" />
      <source>Commissioners with status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="69" />
      <source>Polygons with code, name and status fields (from 'Join DSPT status to organisations').</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="78" />
      <source>Trust points with status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="79" />
      <source>Points with code, name and status fields (from 'Organisation points').</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="86" />
      <source>Trust proportions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="87" />
      <source>The output of 'Trust compliance proportions per ICS' (same ICS code field): the pies and the population shading.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="98" />
      <source>NHS England regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="99" />
      <source>Drawn over the composite map; the print layouts' inset shows one of them enlarged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="109" />
      <source>Regions: name field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="110" />
      <source>E.g. NHSER23NM.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="129" />
      <source>ICS boundaries</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="130" />
      <source>Drawn as outlines on maps 1 and 4; England's extent is theirs, the inset's their part in the region.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="148" />
      <source>Trust change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/map_inputs.py" line="149" />
      <source>Optional: the output of 'Compare two DSPT editions' for the trust points of the maps' edition: map 4 shows each trust by how its status moved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="38" />
      <source>ICS layer (STP / ICB polygons)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="39" />
      <source>The Integrated Care Systems: STP polygons for 2020/21, ICB polygons from July 2022. Every ICS of this layer gets a row in the output, with or without organisations.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="167" />
      <location filename="../../processing_algs/support/parameters.py" line="49" />
      <source>ICS code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="50" />
      <source>The field holding each ICS's code, the same kind of code the organisations carry (ONS E54... codes, or ODS codes such as QHM). Each ICS must be one feature.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="80" />
      <source>The field holding each organisation's ICS code. Leave it empty when the layer has points: each is then placed in the ICS polygon containing it (reprojected as needed).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="86" />
      <source>The field holding each organisation's ICS code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="91" />
      <source>{}: ICS code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="99" />
      <source>The field holding the DSPT status ('Standards Met' or '20/21 Standards Met'); empty means the field called status.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="109" />
      <source>{}: organisation code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="110" />
      <source>The field holding each organisation's ODS code, used to report and de-duplicate organisations; empty means the field called code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="121" />
      <source>The {}: a table or layer with a code and a DSPT status per organisation, usually from 'Import DSPT status export' or 'Join DSPT status to organisations'. A missing status counts as Not Published.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="130" />
      <source>{} with status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="145" />
      <source>commissioners (CCGs, sub-ICB locations or ICBs)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="153" />
      <source>NHS trusts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="160" />
      <source>ICS composite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="161" />
      <source>The output of 'ICS composite score'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="168" />
      <source>The field the composite was computed on; each ICS one feature.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="177" />
      <source>ICS name field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="178" />
      <source>Shown in labels and the table.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="186" />
      <source>Population table: population field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="187" />
      <source>Whole people: registered patients or residents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="209" />
      <source>Population table</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="250" />
      <source>DSPT edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="252" />
      <source>Only this edition's statuses count, e.g. 20/21 or 2022-23. Empty: the edition of an imported table (its edition field), else the newest edition among the statuses. A status of another edition counts as Not Published, and the log says how many.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="269" />
      <source>Scores</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="271" />
      <source>Change the scoring, e.g. 'Not Published=-4', or score a status of a newer toolkit, e.g. 'Achieved=3'. Empty: the published scores ({scores}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="317" />
      <source>HTML report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/parameters.py" line="318" />
      <source>HTML files (*.html)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/inputs.py" line="312" />
      <source>'{}' was given twice, with different fields ({}): once under its former name. Give it once.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="49" />
      <source>Commissioners: population field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="50" />
      <source>Weights each commissioner's score by its population. Empty: a population table below, or a simple mean.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="60" />
      <source>Trusts: EPRR tier or weight field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="61" />
      <source>Weights each trust's score by its EPRR tier or a weight. Empty: a simple mean.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="72" />
      <source>Population table: commissioner code field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="73" />
      <source>The same kind of code as the commissioners' code field.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="79" />
      <source>A table of populations per commissioner (e.g. GP registered patients per CCG), joined to the commissioners by code; used when no population field is given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="151" />
      <source>Commissioners: other populations to rank by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="159" />
      <source>Fields of the commissioners holding other populations (e.g. ONS residents beside GP registered patients). The composite is as chosen; each ICS is also ranked with the commissioners weighted by each of these, and simply, and the trusts simply and by EPRR tier: rank_best and rank_worst say how far its rank depends on the method.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="176" />
      <source>Trusts: the weight field holds</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="178" />
      <source>EPRR tiers 1-4 (weighted through the tier weights) or weights used as they are.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="188" />
      <source>EPRR tier weights</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="191" />
      <source>tier=weight pairs; each tier once, each weight above 0. Published: {tiers}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="201" />
      <source>Commissioner share of the composite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="207" />
      <source>The trusts' share is the rest. Published: {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="214" />
      <source>When an ICS has no trusts or no commissioners</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/composite_inputs.py" line="218" />
      <source>The published method leaves such an ICS without a composite.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptPlugin</name>
    <message>
      <location filename="../plugin.py" line="73" />
      <source>DSPT tools in the Processing Toolbox</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="74" />
      <source>Show the DSPT compliance algorithms in the Processing Toolbox</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="78" />
      <source>Run the whole method…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="79" />
      <source>Import an export, join, score and summarise in one run (the shipped model)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="85" />
      <source>Open the DSPT demo project…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="86" />
      <source>Open the project make demo writes: grouped layers, a map theme and a print layout per map</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="91" />
      <source>Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="91" />
      <source>How to use the DSPT compliance tools</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="153" />
      <source>Open the DSPT demo project (out/dspt_demo.qgz)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../plugin.py" line="155" />
      <source>QGIS projects (*.qgz *.qgs)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DsptRequirements</name>
    <message>
      <location filename="../../processing_algs/support/requirements.py" line="34" />
      <source>DSPT compliance needs the Python library pandas, which this QGIS lacks.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/requirements.py" line="41" />
      <source>DSPT compliance needs pandas 1.5 or newer; this QGIS has pandas {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/support/requirements.py" line="48" />
      <source>Install it, then restart QGIS. Windows: the QGIS installers include it; with the OSGeo4W installer, choose Advanced install and select the package python3-pandas. Debian or Ubuntu: sudo apt install python3-pandas. macOS: the QGIS installer includes it; with another build, install pandas into the Python that QGIS runs (python3 -m pip install pandas).</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IcsAtlasAlgorithm</name>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="92" />
      <source>ICS atlas (one page per ICS)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="95" />
      <source>A PDF an ICS board can read: a cover with the national map of composite scores and every ICS by rank, then one page per ICS: its commissioners and trusts on a map at its own scale (trusts labelled by code), a locator map of England, how its composite is made up (commissioner mean, trust mean, composite, rank and the national median) and the list of its organisations with their statuses, where each status came from and, with a change table, how it moved since the previous edition; with the output of 'ICS composites over editions', its composites edition by edition on its boundaries and how they were carried there. With the output of 'What would raise each ICS's composite', each page lists what would raise its composite: its five largest gains if one organisation's submission reached Standards Met (organisation, status now, gain, the ICS's rank after that one change), or plainly that none would. A composite that carries its rank across method variants (rank_best, rank_worst) has its rank written with that range, on its page and on the cover. Long lists continue on a further page.&lt;br&gt;&lt;br&gt;&lt;b&gt;Inputs&lt;/b&gt;: the output of 'ICS composite score' and the commissioners and trusts it was computed from, with the same fields and edition: the organisations listed are exactly those the composite counted, and the tool stops if the counts differ. It stops too, naming both, when two inputs record different editions (the composite, the edition chosen, the commissioners, the trusts, the change table's later edition, the gains table) or the composites over editions are on other ICSs or lack the composite's edition, or the gains table was computed from another composite.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: one PDF; optionally a folder with one PNG per page. The layout is QGIS's own print layout with an atlas ('make demo' puts it in its project to restyle).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="140" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="142" />
      <source>The cover's heading, e.g. 'DSPT 2020/21: ICS compliance'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="147" />
      <source>ICS atlas (PDF)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="147" />
      <source>PDF files (*.pdf)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="149" />
      <source>The cover and one page per ICS.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="154" />
      <source>Pages as PNG</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="156" />
      <source>Optional: a folder for one PNG per page (ics_&lt;code&gt;.png).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="161" />
      <source>Atlas pages</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="162" />
      <source>Optional: the atlas's coverage (the cover, then one polygon per ICS).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="166" />
      <source>Organisations per ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="167" />
      <source>Optional: the organisations each page lists.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="171" />
      <source>Ranking</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="172" />
      <source>Optional: every ICS by rank, as on the cover.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="176" />
      <source>Gains per ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="177" />
      <source>Optional: what each page's 'What would raise the composite' lists (empty without a gains table).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_atlas.py" line="213" />
      <source>ICS atlas written: a cover and {} ICS pages.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IcsCompositeAlgorithm</name>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="191" />
      <location filename="../../processing_algs/ics_composite.py" line="90" />
      <source>ICS composite score</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="93" />
      <source>Scores each Integrated Care System (ICS) on the published {range} scale.&lt;br&gt;&lt;br&gt;{method}&lt;br&gt;&lt;br&gt;&lt;b&gt;ICS layer&lt;/b&gt;: the ICS (STP / ICB) polygons. &lt;b&gt;Commissioners&lt;/b&gt;, &lt;b&gt;Trusts&lt;/b&gt;: tables or layers with a code, a status and the ICS code of each organisation (leave the trusts' ICS field empty when they are points: each is placed in the ICS polygon containing it; one in two ICS polygons, on their border or where they overlap, stops the run naming it). A missing status, or a status of another edition, counts as Not Published.&lt;br&gt;&lt;br&gt;&lt;b&gt;Populations&lt;/b&gt;: give the commissioners' population field, or a population table (its code field and population field, e.g. GP registered patients per CCG) joined to the commissioners by code; without either, commissioners are averaged simply. &lt;b&gt;Trusts' EPRR tier or weight field&lt;/b&gt;: without it, trusts are averaged simply.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the ICS polygons with commissioner_score, trust_score, composite_score, n_commissioners, n_trusts and composite_note, styled on classes of the score range. An ICS with no trusts or no commissioners gets an empty composite and a note (or, if chosen, the mean of the side it has). &lt;b&gt;How far the rank depends on the method&lt;/b&gt;: rank (ties share the best place, rank_label '=14') is the ICS's place by this composite; rank_best and rank_worst its best and worst place under every variant of the method the inputs allow (commissioners as chosen, simply, and weighted by each of the &lt;i&gt;other populations to rank by&lt;/i&gt;; trusts as chosen, simply, and by EPRR tier when tiers are given), rank_best_variant and rank_worst_variant the variants giving them, and rank_note says 'depends on the method' when they lie more than five places apart. The variants are listed in the log and in the layer's notes. &lt;b&gt;Organisations not counted&lt;/b&gt;: each with the reason (no ICS code, ICS not in the layer, outside every polygon, repeated).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="130" />
      <source>ICS composite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="131" />
      <source>The ICS polygons with the scores, counts, ranks and a note per ICS.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="137" />
      <source>Organisations not counted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="138" />
      <source>Every organisation left out of the scores, with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_composite.py" line="177" />
      <source>{} ICS: {}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>IcsTrendAlgorithm</name>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="111" />
      <location filename="../../processing_algs/ics_trend.py" line="78" />
      <location filename="../../processing_algs/ics_trend.py" line="46" />
      <source>ICS composites over editions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="49" />
      <source>Puts the composites of several editions side by side on one geography, so each ICS sees whether it is getting better, e.g. 2020/21, 2021/22 and 2022/23 on the April 2026 ICBs.&lt;br&gt;&lt;br&gt;First carry each edition onto the same ICSs ('Commissioner statuses on a newer geography', then 'ICS composite score' on the new ICS layer). Each composite says which edition it counted (its composite_edition field): the columns are named and ordered from that, whatever order the layers are given in. Two composites of one edition, or a composite with ICS codes the ICS layer lacks or without its ICS code field (another geography), stop the run.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the ICS layer with composite_2020_21, composite_2021_22, ... (one per edition, empty where that edition has no composite for the ICS), composite_change (the latest edition's minus the earliest's) and composite_trend (the composites in words, earliest first), styled by the latest composite.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="69" />
      <source>ICS composites</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="71" />
      <source>Outputs of 'ICS composite score' on this ICS layer, one per edition, in any order.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="79" />
      <source>The ICS layer with one composite per edition and the change.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="100" />
      <source>Editions {}: {} ICSs with a change, {} better, {} worse.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ics_trend.py" line="124" />
      <source>{} is not a vector layer.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportExportAlgorithm</name>
    <message>
      <location filename="../../processing_algs/import_export.py" line="92" />
      <source>Organisation code column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="97" />
      <source>Status column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="102" />
      <source>Sector column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="107" />
      <source>Successor code column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="112" />
      <source>Successor status column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="117" />
      <source>Organisation name column</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="129" />
      <source>Import DSPT status export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="132" />
      <source>Reads a DSPT status export (the DSPT portal's organisation-search CSV, a curated or snapshot file, CSV in any common encoding and separator, or an Excel .xlsx workbook) and gives one row per organisation with its status for the chosen edition.&lt;br&gt;&lt;br&gt;{method}&lt;br&gt;&lt;br&gt;&lt;b&gt;Input&lt;/b&gt;: the export file (browse with the ... button), or a table layer already in the project (a filter or a selection on it is respected). &lt;b&gt;Edition&lt;/b&gt;: such as 20/21; empty uses the newest edition in the file. Columns are found by name ignoring case and punctuation; name a column under Advanced parameters when yours is called something else.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt; fields: code, name, sector (Commissioner / Trust / CSU / Other), sector_raw, status_raw, edition, status, status_source (own / successor / none), decided_by (the organisation whose submission decides the status, where it is a successor's), score, source_row (the row in the file, header = row 1), then every input column unchanged (a column named like an output field gets the suffix _input, e.g. Code_input). An organisation listed twice with the same status is kept once; with different statuses the tool stops and names the code and rows. &lt;b&gt;Import report&lt;/b&gt;: every input row and what happened to it.&lt;br&gt;&lt;br&gt;&lt;b&gt;Closed organisations&lt;/b&gt; (optional): give ODS records with close dates (the output of 'Read ODS bulk files'). An organisation with no status of its own or from a successor that closed before the edition's publication deadline (30 June of its second year) is then left out, not counted as Not Published: its successors' submissions cover its services. The successor rule comes first; each organisation left out is in the report with its close date.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="162" />
      <source>DSPT status export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="164" />
      <source>A CSV or .xlsx file, or a table layer already in the project. Old Excel .xls workbooks must be saved as .xlsx or CSV first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="171" />
      <source>DSPT edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="172" />
      <source>The edition whose statuses count, e.g. 20/21 or 2022-23. Empty: the newest edition named in the file.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="183" />
      <source>Organisations closed before the deadline</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="185" />
      <source>Only when close dates are given, and only for organisations without a status of their own or from a successor.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="194" />
      <source>DSPT statuses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="195" />
      <source>One row per organisation (see the fields above).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="201" />
      <source>Import report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="202" />
      <source>Every input row and what happened to it (used, duplicate, excluded) with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="214" />
      <source>Empty: found by name ({columns}).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="220" />
      <source>Sector when the file has none</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="222" />
      <source>The sector of rows with no sector, e.g. 'NHS Trust' for a trusts-only snapshot.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="229" />
      <source>Workbook sheet</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="230" />
      <source>Empty: the first sheet with a code and a status column.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="260" />
      <source>Columns used: {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="265" />
      <source>Edition {}: {} organisations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="297" />
      <source>Reading {}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/import_export.py" line="342" />
      <source>{}: neither a readable file nor a table layer.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImprovementGainsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="131" />
      <location filename="../../processing_algs/improvement_gains.py" line="92" />
      <source>What would raise each ICS's composite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="97" />
      <source>For every organisation an ICS composite counted: how much its ICS's composite would rise if its status became Standards Met, or Standards Exceeded, and where the ICS would then rank. Exact, not a model: the composite is a weighted mean, so one organisation's change moves it by its share of the composite (the commissioner share, or the trusts', times its weight among its ICS's organisations on that side) times the change of its score.&lt;br&gt;&lt;br&gt;&lt;b&gt;Inputs&lt;/b&gt;: the output of 'ICS composite score' and what it was computed from: the same commissioners, population, trusts and method options (commissioner share, trusts' weighting, a missing side, edition, scores). A composite not made from these inputs (another edition, ICS field, organisations or method) stops the run, naming both. &lt;b&gt;Decided-by fields&lt;/b&gt;: an organisation whose status is its successor's (a CCG merged into another) moves when its successor's submission does; the import's decided_by field says whose submission decides each status, and every organisation one submission decides in an ICS is one row, under that organisation's code, naming those it covers.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: a table, one row per submission per ICS (by ICS, largest gain first; opened in QGIS sorted by gain): ics, code, side, status, covers, n_covered, gain_if_met, gain_if_exceeded (0 where the status is already there or better), composite_score, composite_if_met, composite_if_exceeded, rank and rank_label (ties share the best place: '=14'), rank_if_met and rank_if_exceeded (every ICS the submission moves moving at once), gain_rank (its place among its ICS's gains if Met), gain_note (an ICS without commissioners or trusts: how its gains are computed, the side it has counting whole, or none where it has no composite), edition and method (what the gains assume).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="132" />
      <source>One row per submission per ICS, with its gains and the ranks after.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="185" />
      <source>What would raise the composite</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="188" />
      <source>{} submission(s) in {} ICS(s); edition {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="214" />
      <source>commissioners</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="215" />
      <source>trusts</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="218" />
      <source>The {}' statuses: decided by the submission named in field {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/improvement_gains.py" line="222" />
      <source>The {}' statuses: each decided by its own submission.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>JoinStatusAlgorithm</name>
    <message>
      <location filename="../../processing_algs/join_status.py" line="126" />
      <source>Join DSPT status to organisations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="129" />
      <source>Adds each organisation's DSPT status to a layer of organisations: CCG, sub-ICB or ICB boundaries, or trust points. Every feature is kept; a feature with no DSPT row keeps NULL status fields (shown as 'No status' on the map).&lt;br&gt;&lt;br&gt;&lt;b&gt;Code field&lt;/b&gt;: the layer's field holding the same kind of code as the DSPT table (ODS codes such as 00L). Boundary layers often carry ONS codes (E38000130) as well: choose the ODS one (e.g. CCG20CDH), or give a &lt;b&gt;lookup table&lt;/b&gt; translating the layer's codes to DSPT codes. When few codes match, the log says which kinds of code each side holds. Codes are compared ignoring case and surrounding spaces.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the input features with the DSPT fields added (code, name, sector, edition, status, status_source, decided_by, score by default; a name the layer already uses gets the suffix _dspt), styled by status. &lt;b&gt;Unmatched&lt;/b&gt;: every feature and every DSPT row that found no partner, with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="152" />
      <source>DSPT fields to add</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="157" />
      <source>Empty: code, name, sector, edition, status, status_source, decided_by and score (those the table has).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="167" />
      <source>Organisations with DSPT status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="169" />
      <source>The input features with the DSPT fields added, styled by status.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="174" />
      <source>Unmatched features and DSPT rows</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="175" />
      <source>Every feature and DSPT row that found no partner, with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/join_status.py" line="226" />
      <source>DSPT status</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LocateOrganisationsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="262" />
      <location filename="../../processing_algs/locate_organisations.py" line="176" />
      <location filename="../../processing_algs/locate_organisations.py" line="146" />
      <source>Organisation points</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="149" />
      <source>Makes a point for each organisation of a table (e.g. trusts from 'Import DSPT status export') so they can be mapped and placed in ICSs. No online geocoding: the location comes from the table itself or from a postcode table you supply.&lt;br&gt;&lt;br&gt;&lt;b&gt;Latitude&lt;/b&gt; and &lt;b&gt;longitude&lt;/b&gt; fields (WGS84 degrees): used where valid; the log warns when some look swapped (points outside the UK that swapping would bring in); when all do, the run stops naming the fields. &lt;b&gt;Postcode field&lt;/b&gt; with a &lt;b&gt;postcode lookup&lt;/b&gt; table (e.g. an ONS Postcode Directory extract): used for rows without valid coordinates; the lookup gives latitude/longitude or British National Grid easting/northing (a postcode whose coordinates there lie outside the UK, such as the directory's 99.999999 latitude, is reported). Postcodes match ignoring case and spaces. Fields holding the other kind of coordinates (eastings picked as latitudes), a lookup's latitudes and longitudes all swapped, or its eastings and northings all within 50 km of the Grid's origin (at sea: kilometres?) stop the run naming them.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: points in EPSG:4326 with every input field and location_source (coordinates / postcode), styled by status when there is a status field. &lt;b&gt;Not located&lt;/b&gt;: rows that could not be located, with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="178" />
      <source>Points in EPSG:4326 with every input field and location_source.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="183" />
      <source>Organisations not located</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/locate_organisations.py" line="184" />
      <source>Rows that could not be located, with the reason.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MethodModel</name>
    <message>
      <location filename="../../processing_algs/method_model.py" line="40" />
      <source>DSPT method: import to ICS composite (model)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/method_model.py" line="122" />
      <source>The model has no parameter {}. Its outputs are {}; its inputs are {}.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NationalMapsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="72" />
      <source>National maps (print layouts)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="75" />
      <source>Draws the published maps as print layouts in your project and exports each as PNG and PDF: &lt;b&gt;1&lt;/b&gt; individual compliance (commissioners' areas and trusts' points by status, with ICS boundaries), &lt;b&gt;2&lt;/b&gt; trust proportions per ICS (status pies over ICSs shaded by population), &lt;b&gt;3&lt;/b&gt; the ICS composite score (with NHS regions) and, given a trust change, &lt;b&gt;4&lt;/b&gt; each trust by how its status moved. Every map has an inset of one NHS region (London: its ICSs are small on a national map) at about three times the national scale, outlined on the national map, its trust points spread apart where they crowd; a legend, a north arrow, a 50 km scale bar and the sources beside, on an A4-wide page, in British National Grid.&lt;br&gt;&lt;br&gt;&lt;b&gt;Layers&lt;/b&gt;: a layer of your project is drawn as it is styled there; any other input (a file, a temporary output) is added to the project group 'National maps (layouts' layers)', styled as the plugin styles it (with the Scores given). The inputs must be one edition's, the proportions on the composite's ICSs and the change's earlier edition the maps' edition: a difference stops the run naming both.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the layouts '1 Individual compliance', '2 Trust proportions', '3 ICS composite' and '4 Trust change' and a map theme of each name in the project (replacing those an earlier run made: open a layout from the Layout Manager to adjust it and export it again; a layout or theme of yours with one of these names is kept, renamed with ' (own)' after its name), and a folder with individual_compliance.png and .pdf, trust_proportions, ics_composite and trust_change. A failed run changes neither the project nor the folder.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="109" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="111" />
      <source>The maps' titles begin with it: 'DSPT 20/21: individual compliance'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="116" />
      <source>Inset: NHS region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="118" />
      <source>The region each map shows enlarged (as named in the regions' field).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="123" />
      <source>Map 1: subtitle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="125" />
      <source>What map 1 shows, e.g. which commissioners (CCGs, ICBs).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="135" />
      <source>Maps folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="136" />
      <source>Each map as PNG and PDF (individual_compliance.png, ...).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="144" />
      <source>Map 2: what shades the ICSs</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="145" />
      <source>E.g. 'GP registered patients (1 January 2021)'. Empty: 'population', or 'number of trusts' when the proportions have no population.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="152" />
      <source>Map 3: how the composite is made</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="153" />
      <source>E.g. '0.5 x commissioner mean + 0.5 x trust mean (commissioners weighted by GP registered patients)'. Empty: the composite's own note.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="198" />
      <source>{} maps drawn as print layouts and written to {}.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="225" />
      <source>Your layout '{}' had the name of one this tool writes: it is kept, renamed '{}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="229" />
      <source>Your map theme '{}' had the name of one this tool writes: it is kept, renamed '{}'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/national_maps.py" line="318" />
      <source>{}: give a layer with geometry, not a table file.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OdsMembershipAlgorithm</name>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="97" />
      <source>ICS of each organisation from ODS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="100" />
      <source>Gives each organisation (e.g. the trusts of an imported export) the ICS it officially belongs to: the 'high level health geography' of its ODS record, the ODS code of its STP or ICB. Trusts whose headquarters stand in one ICS and belong to another (many specialist and mental-health trusts) are counted where they belong.&lt;br&gt;&lt;br&gt;&lt;b&gt;ODS records&lt;/b&gt;: the output of 'Read ODS bulk files' (or any table with an organisation code and its ICS's ODS code). &lt;b&gt;Lookup&lt;/b&gt; (optional): translates the ODS ICS codes (e.g. QOP) to the codes of your ICS layer (e.g. E54000007): the ONS lookups carry both (STP21CDH -&gt; STP21CD, ICB23CDH -&gt; ICB23CD).&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the input with ods_ics_code (the ODS code) and ics_code (the ICS layer's code, the same when no lookup is given); use ics_code as the trusts' ICS code field in 'ICS composite score' and 'Trust compliance proportions'. &lt;b&gt;Unmatched&lt;/b&gt;: organisations not in the ODS records, without an ICS, or whose ICS is not in the lookup.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="123" />
      <source>Organisations with their ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="124" />
      <source>The input with ods_ics_code and ics_code.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="129" />
      <source>Organisations without an ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/ods_membership.py" line="130" />
      <source>Each organisation given no ICS, with the reason.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReadOdsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="30" />
      <source>Read ODS bulk files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="33" />
      <source>Reads NHS Organisation Data Service (ODS) bulk files, such as etr.csv (NHS trusts), ect.csv (care trusts) and eccg.csv (CCGs / sub-ICB locations), which have no header row, into one table with named columns.&lt;br&gt;&lt;br&gt;&lt;b&gt;ODS files&lt;/b&gt;: one or more files of one ODS release. An organisation listed in two files counts once when its records agree; when they disagree the tool stops and names it.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: one row per organisation with code, name, national_grouping (NHS England region), high_level_health_geography (the ODS code of the STP or ICB it belongs to), address_line_1 to 5, postcode, open_date and close_date (dates), status_code, sub_type_code, parent_code, the remaining columns of the ODS layout, source_file and source_row. Use it with 'ICS of each organisation from ODS' (official ICS membership) and as the close dates of 'Import DSPT status export'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="53" />
      <source>ODS files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="55" />
      <source>etr.csv, ect.csv, eccg.csv ... from one ODS release (header-less CSV).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="60" />
      <source>ODS organisations</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="62" />
      <source>One row per organisation, columns named.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="80" />
      <source>Give at least one ODS file (e.g. etr.csv).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/read_ods.py" line="86" />
      <source>{} organisations from {} file(s); {} with a close date.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SummaryTableAlgorithm</name>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="63" />
      <source>Summary of compliance by sector</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="66" />
      <source>Counts organisations by sector and DSPT status, as in the published summary table and bar chart.&lt;br&gt;&lt;br&gt;&lt;b&gt;Input&lt;/b&gt;: a table with a sector and a status per organisation, usually the output of 'Import DSPT status export' (sector = Commissioner / Trust / CSU / Other; use sector_raw for the export's own sector names). A missing status, or a status of another edition, counts as Not Published.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: one row per sector plus a total row ('Total', or 'Total (all sectors)' when a sector is itself called Total), with a count per status (n_exceeded, n_met, n_approaching, n_not_met, n_not_published), total, the row percentages pct_* and edition (the edition counted). &lt;b&gt;HTML report&lt;/b&gt;: the table and a stacked bar chart in one page.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="88" />
      <source>Summary of compliance</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="90" />
      <source>One row per sector and a total row.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="95" />
      <source>The table and a stacked bar chart in one self-contained page.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/summary_table.py" line="138" />
      <source>HTML report written to {}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>TrustProportionsAlgorithm</name>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="73" />
      <source>Trust compliance proportions per ICS</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="78" />
      <source>Counts the trusts of each ICS in each DSPT status and maps them as pie charts over the ICSs shaded by patient population (darker blue = more patients), as in the published 'CCGs and Proportions of Trusts Compliance' map.&lt;br&gt;&lt;br&gt;&lt;b&gt;ICS layer&lt;/b&gt;: the ICS (STP / ICB) polygons. &lt;b&gt;Trusts&lt;/b&gt;: a table or point layer with code and status; leave the trusts' ICS field empty to place each trust point in the ICS polygon containing it. A missing status, or a status of another edition, counts as Not Published. &lt;b&gt;Population table&lt;/b&gt;: rows with an ICS code and a population (e.g. GP registered patients per CCG with its STP code); they are summed per ICS. Without it the ICSs are shaded by number of trusts.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: the ICS polygons with n_exceeded, n_met, n_approaching, n_not_met, n_not_published, n_trusts, the proportions p_* (0-1), population and proportions_edition (the edition counted). &lt;b&gt;Trusts not counted&lt;/b&gt;: each with the reason. A trust point in two ICS polygons (on their border, where they overlap, or a multipoint in two ICSs) stops the run naming it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="164" />
      <location filename="../../processing_algs/trust_proportions.py" line="106" />
      <source>Trust compliance proportions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="109" />
      <source>The ICS polygons with counts and shares per status, and the population.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="114" />
      <source>Trusts not counted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="115" />
      <source>Every trust left out of the counts, with the reason.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/trust_proportions.py" line="159" />
      <source>No population table: the ICSs are shaded by number of trusts.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>WebReportAlgorithm</name>
    <message>
      <location filename="../../processing_algs/web_report.py" line="76" />
      <source>Web report (interactive maps)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="79" />
      <source>Writes the published 'Open Statistics - Cyber Security' page for your results: a folder with index.html that opens in any browser, offline, ready to publish as a static site.&lt;br&gt;&lt;br&gt;It shows what the DSPT is, the method ({scores}), the summary of compliance by sector with a bar chart, three interactive maps (individual compliance with layer toggles; trust status pies over ICSs shaded by population; the ICS composite with NHS regions), with labels on hover and keyboard focus, and the composite table, sortable. With the output of 'What would raise each ICS's composite', the composite table and each ICS's label on map 3 say its largest gain if one organisation's submission reached Standards Met; a composite that carries its rank across method variants (rank_best, rank_worst) has its rank and that range there too.&lt;br&gt;&lt;br&gt;&lt;b&gt;Inputs&lt;/b&gt;: the layers the other tools make: commissioners with status ('Join DSPT status to organisations'), trust points ('Organisation points'), the ICS composite, the trust proportions (for the pies and population), the summary table, and NHS regions. The inputs must be of one edition and the proportions on the composite's ICSs: the editions the inputs record, and the edition typed, are compared, and a difference stops the run naming both; so does a gains table of another composite or other ICSs. &lt;b&gt;Basemap&lt;/b&gt;: empty by default, so the page needs no network; give a tile address (https://.../{{z}}/{{x}}/{{y}}.png) and its attribution to draw one.&lt;br&gt;&lt;br&gt;&lt;b&gt;Output&lt;/b&gt;: a folder (index.html, report.js, report.css, leaflet/). Every name is shown as text; boundaries are simplified for the web with shared borders kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="117" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="119" />
      <source>The page's heading, e.g. 'DSPT 2020/21 compliance'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="123" />
      <source>DSPT edition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="124" />
      <source>Shown in the headings, e.g. 20/21; the inputs must be of this edition when they record one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="131" />
      <source>About the data</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="132" />
      <source>E.g. 'DSPT statuses as published on 8 February 2022'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="137" />
      <source>Basemap tile address</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="139" />
      <source>Empty: no basemap and no network use. An https tile address with {z}/{x}/{y} draws one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="147" />
      <source>Basemap attribution</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="149" />
      <source>Required by most tile providers, e.g. '© OpenStreetMap contributors'.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="155" />
      <source>Web report folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="156" />
      <source>index.html and its files; publish the folder as it is.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../processing_algs/web_report.py" line="175" />
      <source>Web report written: {} files, {:.1f} MB; open {}/index.html</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
