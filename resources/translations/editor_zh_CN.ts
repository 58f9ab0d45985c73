<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BenchmarkDialog</name>
    <message>
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Mean population:</source>
        <translation>平均人口：</translation>
    </message>
    <message>
        <source>Mean area (km²):</source>
        <translation>平均面积（平方公里）：</translation>
    </message>
    <message>
        <source>e.g. national average</source>
        <translation>例如：全国平均</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>CRS</name>
    <message>
        <source>China Geodetic Coordinate System 2000</source>
        <translation>2000国家大地坐标系</translation>
    </message>
    <message>
        <source>WGS 84 latitude/longitude</source>
        <translation>WGS 84 经纬度</translation>
    </message>
    <message>
        <source>Xian 1980 latitude/longitude</source>
        <translation>1980西安坐标系</translation>
    </message>
    <message>
        <source>Beijing 1954 latitude/longitude</source>
        <translation>1954北京坐标系</translation>
    </message>
    <message>
        <source>New Beijing latitude/longitude</source>
        <translation>新1954北京坐标系</translation>
    </message>
    <message>
        <source>CGCS2000</source>
        <translation>CGCS2000</translation>
    </message>
    <message>
        <source>Xian 1980</source>
        <translation>西安80</translation>
    </message>
    <message>
        <source>Beijing 1954</source>
        <translation>北京54</translation>
    </message>
    <message>
        <source>New Beijing</source>
        <translation>新北京54</translation>
    </message>
    <message>
        <source>WGS 84</source>
        <translation>WGS 84</translation>
    </message>
    <message>
        <source>{datum} Gauss-Krüger {width}° zone {zone}, central meridian {cm}°E</source>
        <translation>{datum} 高斯-克吕格 {width}° 带 第{zone}带 中央经线 {cm}°E</translation>
    </message>
    <message>
        <source>{datum} UTM zone {zone} (northern hemisphere)</source>
        <translation>{datum} UTM 第{zone}带（北半球）</translation>
    </message>
    <message>
        <source>{datum} UTM zone {zone} (southern hemisphere)</source>
        <translation>{datum} UTM 第{zone}带（南半球）</translation>
    </message>
    <message>
        <source>Unnamed coordinate system</source>
        <translation>未命名坐标系</translation>
    </message>
    <message>
        <source>{name} (EPSG:{code})</source>
        <translation>{name}（EPSG:{code}）</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Select &amp;all villages</source>
        <translation>选择全部村(&amp;A)</translation>
    </message>
    <message>
        <source>Select &amp;all towns</source>
        <translation>选择全部乡镇(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Clear selection</source>
        <translation>清除选择(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Select / drag to merge</source>
        <translation>选择 / 拖动合并(&amp;S)</translation>
    </message>
    <message>
        <source>Click to select, drag a village onto another to merge it into that unit</source>
        <translation>单击选择；将村拖到另一村上即并入其所在单元</translation>
    </message>
    <message>
        <source>Click to select, drag a town onto another to merge it into that unit</source>
        <translation>单击选择；将乡镇拖到另一乡镇上即并入其所在单元</translation>
    </message>
    <message>
        <source>&amp;Paint villages into a unit</source>
        <translation>刷选村并入单元(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Paint towns into a unit</source>
        <translation>刷选乡镇并入单元(&amp;P)</translation>
    </message>
    <message>
        <source>Press on a unit, then sweep over villages to add them to it (one undo step)</source>
        <translation>在一个单元上按下，再划过村即将其并入该单元（一步撤销）</translation>
    </message>
    <message>
        <source>Press on a unit, then sweep over towns to add them to it (one undo step)</source>
        <translation>在一个单元上按下，再划过乡镇即将其并入该单元（一步撤销）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong: {error}

Your committed edits are safe in the journal. Details were written to {log}.</source>
        <translation>出错了：{error}

已提交的编辑都安全保存在恢复日志中。详细信息已写入 {log}。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}：{problem}</translation>
    </message>
</context>
<context>
    <name>FacilityActions</name>
    <message>
        <source>Add facility layer</source>
        <translation>添加设施图层</translation>
    </message>
    <message>
        <source>{name}: {n} facilities, {inside} inside the towns</source>
        <translation>{name}：共 {n} 个设施，其中 {inside} 个位于乡镇范围内</translation>
    </message>
    <message>
        <source>Point layers (*.shp *.gpkg *.geojson *.json *.zip);;All files (*)</source>
        <translation>点图层 (*.shp *.gpkg *.geojson *.json *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add &amp;facility layer…</source>
        <translation>添加设施图层(&amp;F)…</translation>
    </message>
    <message>
        <source>Point layer of health centres, schools, offices…: counted per merged unit</source>
        <translation>卫生院、学校、办公场所等点图层：按合并后乡镇统计数量</translation>
    </message>
</context>
<context>
    <name>FacilityFieldDialog</name>
    <message>
        <source>Facility layer</source>
        <translation>设施图层</translation>
    </message>
    <message>
        <source>{file}: which field says what kind of facility each point is? With none, every point counts as {stem}.</source>
        <translation>{file}：哪个字段表示各点的设施类别？不选则全部计为“{stem}”。</translation>
    </message>
    <message>
        <source>Category field:</source>
        <translation>类别字段：</translation>
    </message>
    <message>
        <source>Name field:</source>
        <translation>名称字段：</translation>
    </message>
    <message>
        <source>(none: the file name)</source>
        <translation>（无：使用文件名）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>FacilityLegend</name>
    <message>
        <source>{n} of them outside every town</source>
        <translation>其中 {n} 个不在任何乡镇内</translation>
    </message>
    <message>
        <source>Facility category</source>
        <translation>设施类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>{name} ({n} points)</source>
        <translation>{name}（{n} 个点）</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>Remove facility layer</source>
        <translation>移除设施图层</translation>
    </message>
</context>
<context>
    <name>FieldMappingDialog</name>
    <message>
        <source>Town code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <source>Town name</source>
        <translation>乡镇名称</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Official area (km²)</source>
        <translation>官方面积（平方公里）</translation>
    </message>
    <message>
        <source>Border town (flag)</source>
        <translation>沿边乡镇（标记）</translation>
    </message>
    <message>
        <source>Historic-cultural town (flag)</source>
        <translation>历史文化名镇（标记）</translation>
    </message>
    <message>
        <source>County-seat town (flag)</source>
        <translation>县政府驻地镇（标记）</translation>
    </message>
    <message>
        <source>Regional centre town (flag)</source>
        <translation>区域中心镇（标记）</translation>
    </message>
    <message>
        <source>Parent township</source>
        <translation>所属乡镇</translation>
    </message>
    <message>
        <source>Fields of the layer</source>
        <translation>图层字段</translation>
    </message>
    <message>
        <source>from the .cpg file</source>
        <translation>来自 .cpg 文件</translation>
    </message>
    <message>
        <source>from the DBF header</source>
        <translation>来自 DBF 文件头</translation>
    </message>
    <message>
        <source>detected</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>fixed by the format</source>
        <translation>由格式决定</translation>
    </message>
    <message>
        <source>“{text}” is not an EPSG code of a coordinate system. Type a code such as 4545, or choose one from the list.</source>
        <translation>“{text}”不是坐标系的 EPSG 代码。请输入如 4545 这样的代码，或从列表中选择。</translation>
    </message>
    <message>
        <source>{name} (EPSG:{code}): press Enter to read the layer with it</source>
        <translation>{name}（EPSG:{code}）：按回车键以此坐标系重新读取图层</translation>
    </message>
    <message>
        <source>The file has no coordinate system (.prj); it was guessed from the coordinates. Areas and positions depend on it: type or choose the layer&apos;s real EPSG code.</source>
        <translation>文件没有坐标系（.prj），坐标系是根据坐标值推测的。面积和位置都取决于它：请输入或选择图层实际的 EPSG 代码。</translation>
    </message>
    <message>
        <source>Layer properties</source>
        <translation>图层属性</translation>
    </message>
    <message>
        <source>the layer</source>
        <translation>该图层</translation>
    </message>
    <message>
        <source>How {name} is read. Changing the encoding or the coordinate system reads the layer again; the samples beside each column show the result.</source>
        <translation>{name} 的读取方式。更改编码或坐标系会重新读取图层；各字段旁的示例值显示读取结果。</translation>
    </message>
    <message>
        <source>Some fields of {name} could not be recognised with certainty (marked in red). Check which column holds each item; the samples show each column&apos;s first values.</source>
        <translation>{name} 中有些字段未能确定识别（红色标出）。请核对每一项对应的字段；示例值为各字段的前几个值。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The text encoding of {name} is not stated in the file and the detected one may be wrong. If the sample names below are garbled, choose another encoding.</source>
        <translation>{name} 的文件中未注明文字编码，自动识别的编码可能有误。如果下面的示例名称是乱码，请选择其他编码。</translation>
    </message>
    <message>
        <source>{name} has no coordinate system; one was assumed from the coordinates. Check it below.</source>
        <translation>{name} 没有坐标系，已根据坐标值假定一个。请在下面核对。</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>文件读取</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <source>EPSG code:</source>
        <translation>EPSG 代码：</translation>
    </message>
    <message>
        <source>Reading the layer again…</source>
        <translation>正在重新读取图层…</translation>
    </message>
    <message>
        <source>UTF-8 (fixed by the format)</source>
        <translation>UTF-8（由格式决定）</translation>
    </message>
    <message>
        <source>Automatic: {encoding} ({source})</source>
        <translation>自动：{encoding}（{source}）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Names read as: {names}</source>
        <translation>名称读作：{names}</translation>
    </message>
    <message>
        <source>{count} names or values could not be decoded as {encoding} and show �; choose another encoding.</source>
        <translation>有 {count} 个名称或值无法按 {encoding} 解码，显示为 �；请选择其他编码。</translation>
    </message>
    <message>
        <source>no EPSG code</source>
        <translation>无 EPSG 代码</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>假定</translation>
    </message>
    <message>
        <source>Guessed from the coordinates</source>
        <translation>根据坐标值推测</translation>
    </message>
    <message>
        <source>From the file (.prj)</source>
        <translation>来自文件（.prj）</translation>
    </message>
    <message>
        <source>Use the official area field in statistics</source>
        <translation>统计时使用官方面积字段</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Township layers ({patterns})</source>
        <translation>乡镇图层 ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Vector layers ({patterns})</source>
        <translation>矢量图层 ({patterns})</translation>
    </message>
    <message>
        <source>Open township layer</source>
        <translation>打开乡镇图层</translation>
    </message>
    <message>
        <source>Add reference layer</source>
        <translation>添加参考图层</translation>
    </message>
    <message>
        <source>&amp;Open layer…</source>
        <translation>打开图层(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a township layer (shapefile, GeoPackage, GeoJSON)</source>
        <translation>打开乡镇图层（Shapefile、GeoPackage、GeoJSON）</translation>
    </message>
    <message>
        <source>Add &amp;reference layer…</source>
        <translation>添加参考图层(&amp;R)…</translation>
    </message>
    <message>
        <source>Recent &amp;files</source>
        <translation>最近文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>The user guide is not installed (expected at {path}).</source>
        <translation>未安装用户指南（应位于 {path}）。</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Plans township and village mergers: merge on the map, check the reform&apos;s rules, print the layouts and export the results. Works offline.</source>
        <translation>用于编制乡镇和村级区划调整方案：在地图上合并、按改革规则检查、打印版面并导出成果。全部离线运行。</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>The workflow, the mouse gestures and the shortcuts</source>
        <translation>工作流程、鼠标操作和快捷键</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Version and libraries of the editor</source>
        <translation>本程序的版本和所用程序库</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>InfoDock</name>
    <message>
        <source>Village under the cursor</source>
        <translation>光标处村</translation>
    </message>
    <message>
        <source>Town under the cursor</source>
        <translation>光标处乡镇</translation>
    </message>
</context>
<context>
    <name>InfoWidget</name>
    <message>
        <source>(move the cursor over a town)</source>
        <translation>（将光标移到乡镇上）</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>{unit} ({n} towns)</source>
        <translation>{unit}（{n} 个乡镇）</translation>
    </message>
    <message>
        <source>{unit} (alone)</source>
        <translation>{unit}（单独）</translation>
    </message>
    <message>
        <source>(move the cursor over a village)</source>
        <translation>（将光标移到村上）</translation>
    </message>
    <message>
        <source>{unit} ({n} villages)</source>
        <translation>{unit}（{n} 个村）</translation>
    </message>
    <message>
        <source>this village is the seat of {unit}</source>
        <translation>本村为{unit}的驻地</translation>
    </message>
    <message>
        <source>this town is the seat of {unit}</source>
        <translation>本乡镇为{unit}的驻地</translation>
    </message>
    <message>
        <source>border town</source>
        <translation>沿边乡镇</translation>
    </message>
    <message>
        <source>border village</source>
        <translation>沿边村</translation>
    </message>
    <message>
        <source>historic-cultural town</source>
        <translation>历史文化名镇</translation>
    </message>
    <message>
        <source>county-seat town</source>
        <translation>县政府驻地镇</translation>
    </message>
    <message>
        <source>regional centre town</source>
        <translation>区域中心镇</translation>
    </message>
    <message>
        <source>Town:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <source>Village:</source>
        <translation>村：</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>所属乡镇：</translation>
    </message>
    <message>
        <source>Population:</source>
        <translation>人口：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>面积：</translation>
    </message>
    <message>
        <source>Merged unit:</source>
        <translation>合并后乡镇：</translation>
    </message>
    <message>
        <source>Merged village:</source>
        <translation>合并后村：</translation>
    </message>
    <message>
        <source>Unit seat:</source>
        <translation>驻地：</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>标记：</translation>
    </message>
</context>
<context>
    <name>InteractionMixin</name>
    <message>
        <source>{unit}: {n} towns, population {pop}, {area:,.1f} km² after the drop</source>
        <translation>放下后 {unit}：{n} 个乡镇，人口 {pop}，面积 {area:,.1f} km²</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Run in background</source>
        <translation>在后台运行</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Loader</name>
    <message>
        <source>Opening layer</source>
        <translation>正在打开图层</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot open layer</source>
        <translation>无法打开图层</translation>
    </message>
    <message>
        <source>Layer read again with encoding {encoding} and {crs}</source>
        <translation>已按编码 {encoding} 和坐标系 {crs} 重新读取图层</translation>
    </message>
    <message>
        <source>Layer &amp;Properties…</source>
        <translation>图层属性(&amp;P)…</translation>
    </message>
    <message>
        <source>Text encoding, coordinate system and fields of the open layer</source>
        <translation>当前图层的文字编码、坐标系和字段</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>方案(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;已打开&gt;</translation>
    </message>
    <message>
        <source>Township Boundary Editor</source>
        <translation>乡镇区划调整编辑器</translation>
    </message>
    <message>
        <source>Add reference layer</source>
        <extracomment>Each feature&apos;s ``install(window)``, in install order (the menus fill in this order). Add a feature here: import its module above and list its ``install``.</extracomment>
        <translation>添加参考图层</translation>
    </message>
</context>
<context>
    <name>MessageRoles</name>
    <message>
        <source>id</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>乡镇名称</translation>
    </message>
    <message>
        <source>population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>area</source>
        <translation>官方面积</translation>
    </message>
    <message>
        <source>border</source>
        <translation>沿边乡镇标记</translation>
    </message>
    <message>
        <source>historic</source>
        <translation>历史文化名镇标记</translation>
    </message>
    <message>
        <source>county seat</source>
        <translation>县政府驻地镇标记</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>区域中心镇标记</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>所属乡镇</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{name} matches {n} towns (ids {ids}); the row was left out: give the town's id instead of its name</source>
        <translation>{name} 对应 {n} 个乡镇（代码 {ids}），该行未采用：请改用乡镇代码而非名称</translation>
    </message>
    <message>
        <source>{name}: field names restored from {map}: {renames}</source>
        <translation>{name}：已按 {map} 恢复字段全名：{renames}</translation>
    </message>
    <message>
        <source>looks like {schema}: its fields are used as that schema defines them</source>
        <translation>看起来是{schema}：按该格式的定义使用其字段</translation>
    </message>
    <message>
        <source>US Census (TIGER/Line)</source>
        <translation>美国人口普查（TIGER/Line）</translation>
    </message>
    <message>
        <source>German administrative areas (VG250)</source>
        <translation>德国行政区域（VG250）</translation>
    </message>
    <message>
        <source>Japanese administrative areas (N03)</source>
        <translation>日本行政区域（N03）</translation>
    </message>
    <message>
        <source>this editor's export of merged units</source>
        <translation>本编辑器导出的合并后乡镇</translation>
    </message>
    <message>
        <source>the .dbf header is damaged: its {n} field(s) take {used} bytes but each record has {record_len}; the attributes cannot be read</source>
        <translation>该 .dbf 文件头已损坏：其 {n} 个字段共占 {used} 字节，但每条记录为 {record_len} 字节；无法读取属性</translation>
    </message>
    <message>
        <source>the coordinates are not finite or too large for any map (bounds {bounds}); the file is damaged</source>
        <translation>坐标不是有限数值或大到任何地图都无法容纳（范围 {bounds}）；文件已损坏</translation>
    </message>
    <message>
        <source>latitudes from {miny:.6g} to {maxy:.6g} are beyond -90..90: these are not degrees of {crs}; set the layer&apos;s real coordinate system</source>
        <translation>纬度 {miny:.6g} 至 {maxy:.6g} 超出 -90..90：这不是 {crs} 的度数；请设置图层真实的坐标系</translation>
    </message>
    <message>
        <source>{name}: longitudes from {minx:.6g} to {maxx:.6g} go beyond -180..180; check the layer&apos;s coordinate system</source>
        <translation>{name}：经度 {minx:.6g} 至 {maxx:.6g} 超出 -180..180；请检查图层的坐标系</translation>
    </message>
    <message>
        <source>no polygon has an area: all {n} are degenerate (collapsed to lines or points)</source>
        <translation>没有面积不为零的多边形：全部 {n} 个都已退化（塌缩为线或点）</translation>
    </message>
    <message>
        <source>{name}: dropped {n} features whose polygons have no area (degenerate)</source>
        <translation>{name}：已舍弃 {n} 个多边形面积为零（退化）的要素</translation>
    </message>
    <message>
        <source>{crs} is a {kind} coordinate system, not one of a map; use a geographic or projected one (e.g. EPSG:4490)</source>
        <translation>{crs} 是{kind}坐标系，不是地图坐标系；请使用地理或投影坐标系（如 EPSG:4490）</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>not a regular file ({kind}); give a file saved on disk</source>
        <translation>不是普通文件（{kind}）；请给出保存在磁盘上的文件</translation>
    </message>
    <message>
        <source>{n} field name(s) of {name} are not valid {encoding}; choose the right encoding</source>
        <translation>{name} 有 {n} 个字段名不是有效的 {encoding}；请选择正确的编码</translation>
    </message>
    <message>
        <source>{n} town(s) are given to more than one unit; each was kept in the first: {towns}{more}</source>
        <translation>{n} 个乡镇被分配给多个合并单元，均保留在第一个单元中：{towns}{more}</translation>
    </message>
    <message>
        <source>a unit name cannot hold control characters ({chars})</source>
        <translation>单元名称不能包含控制字符（{chars}）</translation>
    </message>
    <message>
        <source>row {row} ({town}) holds control characters ({chars}); names cannot contain them</source>
        <translation>第 {row} 行（{town}）含有控制字符（{chars}）；名称中不能包含控制字符</translation>
    </message>
    <message>
        <source>{where}: &quot;name&quot; holds control characters ({chars})</source>
        <translation>{where}：“name”含有控制字符（{chars}）</translation>
    </message>
    <message>
        <source>not a plan file: a number is too long</source>
        <translation>不是方案文件：数字过长</translation>
    </message>
    <message>
        <source>an entry of &quot;layers.{section}&quot; names no file</source>
        <translation>“layers.{section}”中有一项没有给出文件</translation>
    </message>
    <message>
        <source>undo of a command that never ran</source>
        <translation>撤销了一个从未执行的操作</translation>
    </message>
    <message>
        <source>no towns given</source>
        <translation>未选择任何乡镇</translation>
    </message>
    <message>
        <source>no unit {uid}</source>
        <translation>没有编号为 {uid} 的合并单元</translation>
    </message>
    <message>
        <source>the towns are already alone in their units</source>
        <translation>所选乡镇已各自单独成为一个单元</translation>
    </message>
    <message>
        <source>a unit name cannot be empty</source>
        <translation>合并后乡镇名称不能为空</translation>
    </message>
    <message>
        <source>{town} is not a member of {unit}</source>
        <translation>{town} 不属于 {unit}</translation>
    </message>
    <message>
        <source>m²</source>
        <translation>平方米</translation>
    </message>
    <message>
        <source>亩</source>
        <translation>亩</translation>
    </message>
    <message>
        <source>hectares</source>
        <translation>公顷</translation>
    </message>
    <message>
        <source>area field: {column} (km² by its name)</source>
        <translation>面积字段：{column}（字段名表明单位为平方公里）</translation>
    </message>
    <message>
        <source>area field {column} is in {unit}, not km²; not used</source>
        <translation>面积字段 {column} 的单位是{unit}，不是平方公里，未采用</translation>
    </message>
    <message>
        <source>area field {column} has no unit in its name; not used as km²</source>
        <translation>面积字段 {column} 的名称未注明单位，未按平方公里使用</translation>
    </message>
    <message>
        <source>area field: {column} (its values match the polygons&apos; areas in km²)</source>
        <translation>面积字段：{column}（数值与图斑面积（平方公里）相符）</translation>
    </message>
    <message>
        <source>area field {column} looks like {unit}, not km²; not used</source>
        <translation>面积字段 {column} 的数值看似以{unit}为单位，不是平方公里，未采用</translation>
    </message>
    <message>
        <source>area field {column} does not match the polygons&apos; areas; not used</source>
        <translation>面积字段 {column} 的数值与图斑面积不符，未采用</translation>
    </message>
    <message>
        <source>{note} (also found: {columns})</source>
        <translation>{note}（另有候选字段：{columns}）</translation>
    </message>
    <message>
        <source>{role} field: {column} (chosen by you)</source>
        <translation>{role}字段：{column}（您指定）</translation>
    </message>
    <message>
        <source>{role} field: none (chosen by you)</source>
        <translation>{role}字段：无（您指定）</translation>
    </message>
    <message>
        <source>looks like a village layer (a 村 field exists)</source>
        <translation>看似村级图层（存在“村”字段）</translation>
    </message>
    <message>
        <source>parent field {columns} groups the rows as {column} does</source>
        <translation>所属乡镇字段 {columns} 与 {column} 的分组相同</translation>
    </message>
    <message>
        <source>no {role} field found</source>
        <translation>未找到{role}字段</translation>
    </message>
    <message>
        <source>{role} field: {column} (guessed from part of its name)</source>
        <translation>{role}字段：{column}（按字段名的一部分推断）</translation>
    </message>
    <message>
        <source>{role} field: {column}</source>
        <translation>{role}字段：{column}</translation>
    </message>
    <message>
        <source>population field {column} may count in 万 (10,000 people); check it</source>
        <translation>人口字段 {column} 可能以“万人”为单位，请核实</translation>
    </message>
    <message>
        <source>line {line} is damaged; the {n} change(s) after it are ignored</source>
        <translation>第 {line} 行已损坏，其后的 {n} 处修改未恢复</translation>
    </message>
    <message>
        <source>the last change was being written when the program stopped; it was not committed</source>
        <translation>程序停止时最后一处修改正在写入，该修改未保存</translation>
    </message>
    <message>
        <source>{n} feature(s) without geometry were skipped</source>
        <translation>{n} 个要素没有几何图形，已跳过</translation>
    </message>
    <message>
        <source>1 invalid geometry was repaired (make_valid)</source>
        <translation>已修复 1 个无效几何图形（make_valid）</translation>
    </message>
    <message>
        <source>{n} invalid geometries were repaired (make_valid)</source>
        <translation>已修复 {n} 个无效几何图形（make_valid）</translation>
    </message>
    <message>
        <source>no id field: towns get generated ids F00001, F00002, ... in feature order</source>
        <translation>没有代码字段：按要素顺序生成代码 F00001、F00002……</translation>
    </message>
    <message>
        <source>{n} feature(s) with a blank id got generated ids</source>
        <translation>{n} 个要素的代码为空，已自动生成代码</translation>
    </message>
    <message>
        <source>{n} town(s) made of several features sharing one id were joined</source>
        <translation>{n} 个乡镇由代码相同的多个要素组成，已合并为一个乡镇</translation>
    </message>
    <message>
        <source>{n} multipart town(s) repeat one population on each part; counted once</source>
        <translation>{n} 个多部分乡镇的各部分重复填写了同一人口数，只计一次</translation>
    </message>
    <message>
        <source>{n} name(s) repeat on features with the same figures (one town drawn in parts?); kept apart as separate towns, as chosen</source>
        <translation>{n} 个名称重复出现在数字相同的要素上（可能是一个乡镇分成几块绘制）；已按您的选择作为不同乡镇分开处理</translation>
    </message>
    <message>
        <source>{n} name(s) are carried by more than one town ({names}); tell those towns apart by their ids</source>
        <translation>{n} 个名称被多个乡镇共用（{names}）；请用代码区分这些乡镇</translation>
    </message>
    <message>
        <source>no id field: {n} town(s) drawn as several features (one name, the same figures on each part) were joined, each counted once: {features} features, {towns} towns</source>
        <translation>没有代码字段：{n} 个乡镇分成多个要素绘制（名称相同、各部分数字相同），已合并，每个只计一次：{features} 个要素，{towns} 个乡镇</translation>
    </message>
    <message>
        <source>{n} pair(s) of towns overlap, {km2} km² in all (largest: {pairs}); unit and county areas count each overlap once</source>
        <translation>{n} 对乡镇相互重叠，共 {km2} 平方公里（最大：{pairs}）；单元和全县面积中重叠部分只计一次</translation>
    </message>
    <message>
        <source>no name field: towns are named by their ids</source>
        <translation>没有名称字段：乡镇以代码命名</translation>
    </message>
    <message>
        <source>no population field: population is missing for every town</source>
        <translation>没有人口字段：所有乡镇的人口均缺失</translation>
    </message>
    <message>
        <source>population is blank or unreadable for {n} town(s); they are counted as missing, not 0</source>
        <translation>{n} 个乡镇的人口为空或无法识别，按缺失统计，不按 0 计</translation>
    </message>
    <message>
        <source>no area field found: using ellipsoidal areas</source>
        <translation>未找到面积字段：使用椭球面积</translation>
    </message>
    <message>
        <source>border towns from {name}: {n}</source>
        <translation>按 {name} 判定的沿边乡镇：{n} 个</translation>
    </message>
    <message>
        <source>facility layer</source>
        <translation>设施图层</translation>
    </message>
    <message>
        <source>reference layer</source>
        <translation>参考图层</translation>
    </message>
    <message>
        <source>boundary line layer</source>
        <translation>边界线图层</translation>
    </message>
    <message>
        <source>the {kind} {name} {problem}</source>
        <translation>{kind} {name} {problem}</translation>
    </message>
    <message>
        <source>was not found ({path})</source>
        <translation>未找到（{path}）</translation>
    </message>
    <message>
        <source>cannot be read: {error}</source>
        <translation>无法读取：{error}</translation>
    </message>
    <message>
        <source>the source layer has changed since the plan was saved</source>
        <translation>方案保存后，源图层已发生变化</translation>
    </message>
    <message>
        <source>{n} town(s) of the plan are not in the layer: {towns}</source>
        <translation>方案中有 {n} 个乡镇不在图层中：{towns}</translation>
    </message>
    <message>
        <source>{n} town(s) of the layer are not in the plan and stay alone: {towns}</source>
        <translation>图层中有 {n} 个乡镇不在方案中，各自单独成为一个单元：{towns}</translation>
    </message>
    <message>
        <source>{items} and {n} more</source>
        <translation>{items} 等，另有 {n} 个</translation>
    </message>
    <message>
        <source>the boundary line layer {name} was not found ({path}); border towns come from the layer&apos;s field</source>
        <translation>未找到边界线图层 {name}（{path}），沿边乡镇改按图层字段判定</translation>
    </message>
    <message>
        <source>the seat {seat} of {unit} is not one of its towns; the seat is automatic</source>
        <translation>{unit} 的驻地 {seat} 不是其所辖乡镇，驻地改为自动确定</translation>
    </message>
    <message>
        <source>{name}: the .cpg names an unknown encoding &apos;{encoding}&apos;; ignored it</source>
        <translation>{name}：无法识别 .cpg 文件中的编码“{encoding}”，已忽略</translation>
    </message>
    <message>
        <source>{name}: the .cpg says {encoding} but the text is not valid {encoding}; read it as {detected}</source>
        <translation>{name}：.cpg 文件标注的编码为 {encoding}，但文本不是有效的 {encoding}，已按 {detected} 读取</translation>
    </message>
    <message>
        <source>{name}: the .dbf header says ANSI (code page not stated) and the text looks like {detected}; read it as {detected}</source>
        <translation>{name}：.dbf 文件头标注为 ANSI（未注明代码页），文本看似 {detected}，已按 {detected} 读取</translation>
    </message>
    <message>
        <source>{name}: the .dbf header says {encoding} but the text is not valid {encoding}; read it as {detected}</source>
        <translation>{name}：.dbf 文件头标注的编码为 {encoding}，但文本不是有效的 {encoding}，已按 {detected} 读取</translation>
    </message>
    <message>
        <source>{name}: {reason}: coordinates look like degrees; assumed CGCS2000 (EPSG:{epsg})</source>
        <translation>{name}：{reason}：坐标看似经纬度，已假定为 CGCS2000（EPSG:{epsg}），请核实</translation>
    </message>
    <message>
        <source>{name}: {reason}: coordinates look like Gauss-Kruger metres with zone number {zone}; assumed CGCS2000 3-degree zone {zone} (EPSG:{epsg}); check it</source>
        <translation>{name}：{reason}：坐标看似带带号的高斯-克吕格米制坐标（第 {zone} 带），已假定为 CGCS2000 3 度带第 {zone} 带（EPSG:{epsg}），请核实</translation>
    </message>
    <message>
        <source>{name}: {reason}: coordinates are metres without a zone number, so the central meridian is unknown; assumed CGCS2000 3-degree Gauss-Kruger CM 114E (EPSG:{epsg}); set the layer&apos;s real coordinate system, or areas and positions will be wrong</source>
        <translation>{name}：{reason}：坐标为米制但不带带号，无法确定中央经线；已假定为 CGCS2000 3 度带高斯-克吕格投影、中央经线 114°E（EPSG:{epsg}）。请设置图层的实际坐标系，否则面积和位置都会出错</translation>
    </message>
    <message>
        <source>{name}: the .shx index is missing; rebuilt it in a temporary copy (the source is untouched)</source>
        <translation>{name}：缺少 .shx 索引文件，已在临时副本中重建（源文件未改动）</translation>
    </message>
    <message>
        <source>{name}: {driver} text is always UTF-8; the encoding {encoding} was ignored</source>
        <translation>{name}：{driver} 格式的文本固定为 UTF-8，已忽略指定的编码 {encoding}</translation>
    </message>
    <message>
        <source>{name}: {n} text values are not valid {encoding}; unreadable characters are shown as �</source>
        <translation>{name}：{n} 个文本值不是有效的 {encoding}，无法识别的字符显示为 �</translation>
    </message>
    <message>
        <source>{name}: {n} field names or values are not valid {encoding}; unreadable characters are shown as �</source>
        <translation>{name}：{n} 个字段名或字段值不是有效的 {encoding}，无法识别的字符显示为 �</translation>
    </message>
    <message>
        <source>no coordinate system in the file</source>
        <translation>文件中没有坐标系</translation>
    </message>
    <message>
        <source>the .prj is not a coordinate system this program understands</source>
        <translation>.prj 中的坐标系无法识别</translation>
    </message>
    <message>
        <source>no .prj</source>
        <translation>未找到 .prj</translation>
    </message>
    <message>
        <source>{name}: dropped {n} features with no geometry</source>
        <translation>{name}：已舍弃 {n} 个没有几何图形的要素</translation>
    </message>
    <message>
        <source>{name}: the file says the coordinates are degrees ({crs}) but they look like metres; set the layer&apos;s real coordinate system</source>
        <translation>{name}：文件声明坐标为经纬度（{crs}），但数值看似米制坐标，请设置图层的实际坐标系</translation>
    </message>
    <message>
        <source>population over {n}</source>
        <translation>人口超过 {n}</translation>
    </message>
    <message>
        <source>county-seat town</source>
        <translation>县政府驻地镇</translation>
    </message>
    <message>
        <source>economically developed town</source>
        <translation>经济发达镇</translation>
    </message>
    <message>
        <source>pilot town</source>
        <translation>试点镇</translation>
    </message>
    <message>
        <source>{category}: field {field!r} is not in the layer</source>
        <translation>{category}：图层中没有字段 {field}（该规则未检查）</translation>
    </message>
    <message>
        <source>village level: parent field {field!r} is not in the layer</source>
        <translation>村级调整：图层中没有上级乡镇字段 {field}</translation>
    </message>
    <message>
        <source>{unit} is in {parts} separate pieces</source>
        <translation>{unit} 分为 {parts} 块，不连片</translation>
    </message>
    <message>
        <source>{category} {towns} merged into {unit} and loses its name</source>
        <translation>{category} {towns} 并入{unit}后失去名称</translation>
    </message>
    <message>
        <source>{category} {town} did not grow: it absorbed no neighbour</source>
        <translation>{category} {town} 未做大：没有吸纳周边乡镇</translation>
    </message>
    <message>
        <source>{category} {town} is absorbed into {unit} (seat {seat}) instead of absorbing its neighbours</source>
        <translation>{category} {town} 被并入{unit}（驻地{seat}），而非吸纳周边乡镇</translation>
    </message>
    <message>
        <source>{unit} crosses township lines: its villages belong to {n} townships ({parents})</source>
        <translation>{unit} 跨乡镇界线：所含村分属 {n} 个乡镇（{parents}）</translation>
    </message>
    <message>
        <source>{category} {towns} merged into {unit} ({n} towns); {category} are kept whole</source>
        <translation>{category} {towns} 被并入{unit}（{n} 个乡镇）；{category}应成建制保留</translation>
    </message>
    <message>
        <source>{category} {towns} merged with {others} and {more} more into {unit} ({n} towns); {category} are kept whole</source>
        <translation>{category} {towns} 与 {others} 等另外 {more} 个乡镇一并并入{unit}（{n} 个乡镇）；{category}应成建制保留</translation>
    </message>
    <message>
        <source>{category} {towns} merged with {others} into {unit} ({n} towns); {category} are kept whole</source>
        <translation>{category} {towns} 与 {others} 一并并入{unit}（{n} 个乡镇）；{category}应成建制保留</translation>
    </message>
    <message>
        <source> ({n} town(s) without population)</source>
        <translation>（{n} 个乡镇缺人口数据）</translation>
    </message>
    <message>
        <source>{unit} has {population} people, below the minimum {minimum}{missing}</source>
        <translation>{unit} 人口 {population}，低于下限 {minimum}{missing}</translation>
    </message>
    <message>
        <source>{unit} covers {area} km2, below the minimum {minimum} km2</source>
        <translation>{unit} 面积 {area} km²，低于下限 {minimum} km²</translation>
    </message>
    <message>
        <source>{unit} has {n} member towns, more than the maximum {maximum}</source>
        <translation>{unit} 含 {n} 个乡镇，超过上限 {maximum} 个</translation>
    </message>
    <message>
        <source>{unit} reaches {radius} km from its seat {seat}, beyond the maximum {maximum} km</source>
        <translation>{unit} 最远处距驻地{seat} {radius} km，超过服务半径上限 {maximum} km</translation>
    </message>
    <message>
        <source>{n} units after the merger, fewer than the target minimum {target}</source>
        <translation>调整后 {n} 个乡镇，少于目标下限 {target} 个</translation>
    </message>
    <message>
        <source>{n} units after the merger, more than the target maximum {target}</source>
        <translation>调整后 {n} 个乡镇，多于目标上限 {target} 个</translation>
    </message>
    <message>
        <source>mean population {value} is below the target {target}</source>
        <translation>平均人口 {value}，低于目标 {target}</translation>
    </message>
    <message>
        <source>mean area {value} km2 is below the target {target} km2</source>
        <translation>平均面积 {value} km²，低于目标 {target} km²</translation>
    </message>
    <message>
        <source>no field named {items} to carry (fields: {fields})</source>
        <translation>没有要带入的字段 {items}（现有字段：{fields}）</translation>
    </message>
    <message>
        <source>rule set version {version!r} is not supported (expected 1)</source>
        <translation>不支持规则集版本 {version!r}（应为 1）</translation>
    </message>
    <message>
        <source>[{where}] must be a table</source>
        <translation>[{where}] 必须是一个表</translation>
    </message>
    <message>
        <source>unknown key {unknown!r}{place} (known: {items})</source>
        <translation>未知的键 {unknown!r}{place}（可用：{items}）</translation>
    </message>
    <message>
        <source>{where} must be an array of tables</source>
        <translation>{where} 必须是表的数组</translation>
    </message>
    <message>
        <source>{name} must be text, not {value!r}</source>
        <translation>{name} 必须是文本，而不是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be true or false, not {value!r}</source>
        <translation>{name} 必须是 true 或 false，而不是 {value!r}</translation>
    </message>
    <message>
        <source>quota.rounding must be one of {items}</source>
        <translation>quota.rounding 必须是以下之一：{items}</translation>
    </message>
    <message>
        <source>targets.units_min ({units_min}) is above units_max ({units_max})</source>
        <translation>targets.units_min（{units_min}）大于 units_max（{units_max}）</translation>
    </message>
    <message>
        <source>rule set file not found</source>
        <translation>找不到规则集文件</translation>
    </message>
    <message>
        <source>cannot read the rule set ({strerror})</source>
        <translation>无法读取规则集（{strerror}）</translation>
    </message>
    <message>
        <source>a rule set file must be UTF-8 text</source>
        <translation>规则集文件必须是 UTF-8 文本</translation>
    </message>
    <message>
        <source>not a valid rule set file ({exc})</source>
        <translation>不是有效的规则集文件（{exc}）</translation>
    </message>
    <message>
        <source>preserved {key}: mode must be one of {items}</source>
        <translation>保留类别 {key}：mode 必须是以下之一：{items}</translation>
    </message>
    <message>
        <source>{where} needs a key</source>
        <translation>{where} 需要一个 key</translation>
    </message>
    <message>
        <source>category key {key!r} must be letters, digits or _</source>
        <translation>类别键 {key!r} 只能由字母、数字或 _ 组成</translation>
    </message>
    <message>
        <source>category key {key!r} is used twice</source>
        <translation>类别键 {key!r} 重复使用</translation>
    </message>
    <message>
        <source>{key}: field {field!r} is not a role (use one of {items} or a column name)</source>
        <translation>{key}：字段 {field!r} 不是字段角色（请使用 {items} 之一或一个列名）</translation>
    </message>
    <message>
        <source>{name} must be a number, not {v!r}</source>
        <translation>{name} 必须是数字，而不是 {v!r}</translation>
    </message>
    <message>
        <source>{name} cannot be negative ({v})</source>
        <translation>{name} 不能为负数（{v}）</translation>
    </message>
    <message>
        <source>{name} must be a list of texts</source>
        <translation>{name} 必须是文本列表</translation>
    </message>
    <message>
        <source>field {col!r} is not numeric and cannot be summed</source>
        <translation>字段 {col!r} 不是数值，无法求和</translation>
    </message>
    <message>
        <source>cannot write: the folder is on a read-only disk</source>
        <translation>无法写入：文件夹位于只读磁盘上</translation>
    </message>
    <message>
        <source>cannot write: the folder is read-only or you have no permission to write there</source>
        <translation>无法写入：文件夹是只读的，或您没有写入权限</translation>
    </message>
    <message>
        <source>cannot write: the folder does not exist</source>
        <translation>无法写入：文件夹不存在</translation>
    </message>
    <message>
        <source>cannot write: the disk is full (or your quota is used up)</source>
        <translation>无法写入：磁盘已满（或配额已用完）</translation>
    </message>
    <message>
        <source>cannot write: {detail}</source>
        <translation>无法写入：{detail}</translation>
    </message>
    <message>
        <source>unsupported export type {detail}; use .shp, .gpkg or .geojson</source>
        <translation>不支持的导出类型 {detail}；请使用 .shp、.gpkg 或 .geojson</translation>
    </message>
    <message>
        <source>unknown coordinate reference system {crs!r} ({exc})</source>
        <translation>未知的坐标参考系 {crs!r}（{exc}）</translation>
    </message>
    <message>
        <source>cannot write the export ({error_type}: {detail})</source>
        <translation>无法写入导出文件（{error_type}：{detail}）</translation>
    </message>
    <message>
        <source>the text {v!r} cannot be written in {enc}; export as UTF-8 instead</source>
        <translation>文本 {v!r} 无法用 {enc} 编码写入；请改为导出 UTF-8</translation>
    </message>
    <message>
        <source>no field named {f!r} (fields: {fields})</source>
        <translation>没有名为 {f!r} 的字段（现有字段：{fields}）</translation>
    </message>
    <message>
        <source>unknown field role {role!r}</source>
        <translation>未知的字段角色 {role!r}</translation>
    </message>
    <message>
        <source>no field named {column!r} for the {role} (fields: {items})</source>
        <translation>没有名为 {column!r} 的{role}字段（现有字段：{items}）</translation>
    </message>
    <message>
        <source>the journal is empty</source>
        <translation>日志为空</translation>
    </message>
    <message>
        <source>not a journal: the first line is not a journal header</source>
        <translation>不是日志文件：第一行不是日志头</translation>
    </message>
    <message>
        <source>journal version {version!r} is not supported</source>
        <translation>不支持日志版本 {version!r}</translation>
    </message>
    <message>
        <source>the journal was written for a layer of {count} towns; this layer has {n}</source>
        <translation>该日志对应的图层有 {count} 个乡镇；当前图层有 {n} 个</translation>
    </message>
    <message>
        <source>cannot read the journal ({strerror})</source>
        <translation>无法读取日志（{strerror}）</translation>
    </message>
    <message>
        <source>the source layer has changed since the journal was written; the changes cannot be replayed</source>
        <translation>写入日志后源图层已被修改；无法重放这些修改</translation>
    </message>
    <message>
        <source>the journal refers to towns this layer does not have</source>
        <translation>日志中引用了本图层没有的乡镇</translation>
    </message>
    <message>
        <source>{n} town(s) of the journal are not in this layer; their changes were left out</source>
        <translation>日志中有 {n} 个乡镇不在此图层中，其修改已略去</translation>
    </message>
    <message>
        <source>the plan file {plan} has changed since the journal was written; the changes cannot be replayed</source>
        <translation>写入日志后方案文件 {plan} 已被改动，无法重放这些修改</translation>
    </message>
    <message>
        <source>the journal does not say which towns its changes are about; it cannot be replayed on this layer</source>
        <translation>日志未记录修改所涉及的乡镇，无法在此图层上重放</translation>
    </message>
    <message>
        <source>the plan is open in another instance of the editor ({owner})</source>
        <translation>该方案已在编辑器的另一个实例中打开（{owner}）</translation>
    </message>
    <message>
        <source>no field named {name!r} for the {role} (fields: {items})</source>
        <translation>没有名为 {name!r} 的{role}字段（现有字段：{items}）</translation>
    </message>
    <message>
        <source>the layer has no features with a geometry</source>
        <translation>图层中没有带几何图形的要素</translation>
    </message>
    <message>
        <source>the boundary line layer has no features</source>
        <translation>边界线图层没有要素</translation>
    </message>
    <message>
        <source>not a plan file: the JSON is not an object</source>
        <translation>不是方案文件：JSON 不是对象</translation>
    </message>
    <message>
        <source>not a plan file: &quot;format&quot; is {format!r}, expected {FORMAT!r}</source>
        <translation>不是方案文件：&quot;format&quot; 为 {format!r}，应为 {FORMAT!r}</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number</source>
        <translation>&quot;version&quot; 必须是整数</translation>
    </message>
    <message>
        <source>plan file version {version} is newer than this program understands ({VERSION}); update the editor</source>
        <translation>方案文件版本 {version} 高于本程序支持的版本（{VERSION}）；请更新编辑器</translation>
    </message>
    <message>
        <source>unknown plan file version {version}</source>
        <translation>未知的方案文件版本 {version}</translation>
    </message>
    <message>
        <source>&quot;units&quot; must be a list</source>
        <translation>&quot;units&quot; 必须是列表</translation>
    </message>
    <message>
        <source>&quot;source&quot; must be an object</source>
        <translation>&quot;source&quot; 必须是对象</translation>
    </message>
    <message>
        <source>&quot;source.checksum&quot; must be an object with a &quot;digest&quot;</source>
        <translation>&quot;source.checksum&quot; 必须是带有 &quot;digest&quot; 的对象</translation>
    </message>
    <message>
        <source>&quot;notes&quot; must be text</source>
        <translation>&quot;notes&quot; 必须是文本</translation>
    </message>
    <message>
        <source>&quot;load_options.fields&quot; must be an object</source>
        <translation>&quot;load_options.fields&quot; 必须是对象</translation>
    </message>
    <message>
        <source>&quot;load_options.tolerance_m&quot; must be a number</source>
        <translation>&quot;load_options.tolerance_m&quot; 必须是数字</translation>
    </message>
    <message>
        <source>&quot;layers&quot; must be an object</source>
        <translation>&quot;layers&quot; 必须是对象</translation>
    </message>
    <message>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>cannot read the file ({strerror})</source>
        <translation>无法读取文件（{strerror}）</translation>
    </message>
    <message>
        <source>not a plan file: the text is not UTF-8</source>
        <translation>不是方案文件：文本不是 UTF-8</translation>
    </message>
    <message>
        <source>not valid JSON: {msg} at line {lineno}, column {colno}</source>
        <translation>不是有效的 JSON：第 {lineno} 行第 {colno} 列，{msg}</translation>
    </message>
    <message>
        <source>not a plan file: nested too deeply</source>
        <translation>不是方案文件：嵌套层级过深</translation>
    </message>
    <message>
        <source>{where} is not an object</source>
        <translation>{where} 不是对象</translation>
    </message>
    <message>
        <source>{where}: &quot;id&quot; must be a whole number &gt;= 0</source>
        <translation>{where}：&quot;id&quot; 必须是 &gt;= 0 的整数</translation>
    </message>
    <message>
        <source>{where}: unit id {uid} is used twice</source>
        <translation>{where}：单元编号 {uid} 重复使用</translation>
    </message>
    <message>
        <source>{where}: &quot;name&quot; must be non-empty text</source>
        <translation>{where}：&quot;name&quot; 必须是非空文本</translation>
    </message>
    <message>
        <source>{where}: &quot;seat&quot; must be a town id or null</source>
        <translation>{where}：&quot;seat&quot; 必须是乡镇编号或 null</translation>
    </message>
    <message>
        <source>{where}: &quot;note&quot; must be text</source>
        <translation>{where}：&quot;note&quot; 必须是文本</translation>
    </message>
    <message>
        <source>{where} ({name}): &quot;towns&quot; must be a list of town ids</source>
        <translation>{where}（{name}）：&quot;towns&quot; 必须是乡镇编号列表</translation>
    </message>
    <message>
        <source>&quot;source.{key}&quot; must be text</source>
        <translation>&quot;source.{key}&quot; 必须是文本</translation>
    </message>
    <message>
        <source>&quot;{key}&quot; must be an object or null</source>
        <translation>&quot;{key}&quot; 必须是对象或 null</translation>
    </message>
    <message>
        <source>&quot;benchmark.{key}&quot; must be a number or null</source>
        <translation>&quot;benchmark.{key}&quot; 必须是数字或 null</translation>
    </message>
    <message>
        <source>&quot;layers.{key}&quot; must be a list</source>
        <translation>&quot;layers.{key}&quot; 必须是列表</translation>
    </message>
    <message>
        <source>&quot;{where}&quot; must be an object</source>
        <translation>&quot;{where}&quot; 必须是对象</translation>
    </message>
    <message>
        <source>&quot;{where}.path&quot; must be non-empty text</source>
        <translation>&quot;{where}.path&quot; 必须是非空文本</translation>
    </message>
    <message>
        <source>&quot;{where}.above&quot; must be true or false</source>
        <translation>&quot;{where}.above&quot; 必须是 true 或 false</translation>
    </message>
    <message>
        <source>&quot;load_options&quot; is malformed ({exc})</source>
        <translation>&quot;load_options&quot; 格式错误（{exc}）</translation>
    </message>
    <message>
        <source>&quot;{where}.{key}&quot; must be text</source>
        <translation>&quot;{where}.{key}&quot; 必须是文本</translation>
    </message>
    <message>
        <source>town {key} is in two units of the plan</source>
        <translation>乡镇 {key} 在方案中属于两个单元</translation>
    </message>
    <message>
        <source>the table is neither UTF-8 nor GBK text</source>
        <translation>该表格既不是 UTF-8 也不是 GBK 文本</translation>
    </message>
    <message>
        <source>the table is empty</source>
        <translation>表格为空</translation>
    </message>
    <message>
        <source>the table needs two columns: town id (or name) and merged unit name</source>
        <translation>表格需要两列：乡镇编号（或名称）和合并后的单元名称</translation>
    </message>
    <message>
        <source>unsupported table type {detail}; use .csv or .xlsx</source>
        <translation>不支持的表格类型 {detail}；请使用 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>not a readable Excel workbook ({error_type})</source>
        <translation>不是可读取的 Excel 工作簿（{error_type}）</translation>
    </message>
    <message>
        <source>cannot be read ({detail})</source>
        <translation>无法读取（{detail}）</translation>
    </message>
    <message>
        <source>not a map layer in a format this program can read</source>
        <translation>不是本程序能读取的格式的地图图层</translation>
    </message>
    <message>
        <source>no polygon layer (layers: {described})</source>
        <translation>没有面图层（现有图层：{described}）</translation>
    </message>
    <message>
        <source>not a shapefile (the .shp header is not a shapefile header)</source>
        <translation>不是 shapefile（.shp 文件头不是 shapefile 文件头）</translation>
    </message>
    <message>
        <source>the .shp is truncated: {size} of {declared} bytes present (incomplete copy?)</source>
        <translation>.shp 文件不完整：只有 {declared} 字节中的 {size} 字节（复制不完整？）</translation>
    </message>
    <message>
        <source>no features</source>
        <translation>没有要素</translation>
    </message>
    <message>
        <source>contains {kind}, not polygons; a town layer needs polygons</source>
        <translation>包含的是{kind}，不是面；乡镇图层需要面要素</translation>
    </message>
    <message>
        <source>no .dbf attribute table beside it (copy {stem}.dbf too)</source>
        <translation>旁边没有 .dbf 属性表（请一并复制 {stem}.dbf）</translation>
    </message>
    <message>
        <source>{name} is truncated: it declares {n_records} records but holds {have}</source>
        <translation>{name} 不完整：声明有 {n_records} 条记录，实际只有 {have} 条</translation>
    </message>
    <message>
        <source>{name} has {n_records} records but {name2} has {n_shapes} shapes; attributes cannot be matched to shapes</source>
        <translation>{name} 有 {n_records} 条记录，而 {name2} 有 {n_shapes} 个图形；属性无法与图形对应</translation>
    </message>
    <message>
        <source>a folder, not a layer file</source>
        <translation>这是文件夹，不是图层文件</translation>
    </message>
    <message>
        <source>several polygon layers; choose one of: {items}</source>
        <translation>有多个面图层；请选择其中之一：{items}</translation>
    </message>
    <message>
        <source>no polygons: all {n} geometries are empty</source>
        <translation>没有面：全部 {n} 个几何图形均为空</translation>
    </message>
    <message>
        <source>mixes polygons with {n} features of other types ({items})</source>
        <translation>面要素中混有 {n} 个其他类型的要素（{items}）</translation>
    </message>
    <message>
        <source>the .dbf attribute table is damaged (too short)</source>
        <translation>.dbf 属性表已损坏（长度不足）</translation>
    </message>
    <message>
        <source>the .dbf attribute table is damaged (bad header)</source>
        <translation>.dbf 属性表已损坏（文件头错误）</translation>
    </message>
    <message>
        <source>unknown text encoding &apos;{override}&apos;</source>
        <translation>未知的文本编码“{override}”</translation>
    </message>
    <message>
        <source>no layer named &apos;{layer}&apos;; layers: {described}</source>
        <translation>没有名为“{layer}”的图层；现有图层：{described}</translation>
    </message>
    <message>
        <source>unknown coordinate system &apos;{crs}&apos;</source>
        <translation>未知的坐标系“{crs}”</translation>
    </message>
    <message>
        <source>unknown text encoding &apos;{encoding}&apos;</source>
        <translation>未知的文本编码“{encoding}”</translation>
    </message>
    <message>
        <source>no geometry (a table, not a map layer)</source>
        <translation>没有几何图形（这是表格，不是地图图层）</translation>
    </message>
    <message>
        <source>text is not valid {encoding}; choose the right encoding</source>
        <translation>文本不是有效的 {encoding} 编码；请选择正确的编码</translation>
    </message>
    <message>
        <source>contains {items}, not polygons; a town layer needs polygons</source>
        <translation>包含的是{items}，不是面；乡镇图层需要面要素</translation>
    </message>
    <message>
        <source>the .shp is truncated: {size} bytes, but its index expects {end}</source>
        <translation>.shp 文件不完整：只有 {size} 字节，但索引需要 {end} 字节</translation>
    </message>
    <message>
        <source>the layer has no features</source>
        <translation>图层没有要素</translation>
    </message>
    <message>
        <source>not a readable layer ({first})</source>
        <translation>不是可读取的图层（{first}）</translation>
    </message>
    <message>
        <source>the table has no rows</source>
        <translation>表格没有数据行</translation>
    </message>
    <message>
        <source>unknown layout format {suffix!r} (use .pdf, .svg or .png)</source>
        <translation>未知的版面格式 {suffix!r}（请使用 .pdf、.svg 或 .png）</translation>
    </message>
    <message>
        <source>{path}: cannot write the recovery journal ({detail})</source>
        <translation>{path}：无法写入恢复日志（{detail}）</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}：{problem}</translation>
    </message>
    <message>
        <source>cannot replace {file}: it is locked, read-only or open in another program; the previous files are unchanged</source>
        <translation>无法替换 {file}：文件被锁定、只读或已在其他程序中打开；原有文件未改动</translation>
    </message>
    <message>
        <source>{problem}; the previous files are kept in {backup} and are put back by the next write in this folder</source>
        <translation>{problem}；原有文件保存在 {backup} 中，下次向此文件夹写入时会放回原处</translation>
    </message>
    <message>
        <source>a plan file</source>
        <translation>方案文件</translation>
    </message>
    <message>
        <source>a table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>a layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>an export of merged units</source>
        <translation>合并后单元的导出文件</translation>
    </message>
    <message>
        <source>a rule set</source>
        <translation>规则集</translation>
    </message>
    <message>
        <source>a document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>a file without an extension</source>
        <translation>无扩展名的文件</translation>
    </message>
    <message>
        <source>cannot write {what} as {suffix}: use {allowed}</source>
        <translation>不能将{what}写为 {suffix}：请使用 {allowed}</translation>
    </message>
    <message>
        <source>cannot write: it is a folder</source>
        <translation>无法写入：这是一个文件夹</translation>
    </message>
    <message>
        <source>refusing to write over {file}: it is open in this session</source>
        <translation>拒绝覆盖 {file}：它已在本次会话中打开</translation>
    </message>
    <message>
        <source>refusing to write over {file}: it belongs to {owner}, which is open in this session</source>
        <translation>拒绝覆盖 {file}：它属于本次会话中已打开的 {owner}</translation>
    </message>
    <message>
        <source>refusing to write {file}: it would become part of {owner}, which is open in this session</source>
        <translation>拒绝写入 {file}：它会成为本次会话中已打开的 {owner} 的一部分</translation>
    </message>
    <message>
        <source>no plan found within {seconds} s: give the solver more time</source>
        <translation>{seconds} 秒内未找到方案：请给求解器更多时间</translation>
    </message>
    <message>
        <source>no plan meets every rule: {rule} cannot be met together with the other rules; the plan offered relaxes it</source>
        <translation>没有方案能满足全部规则：{rule}与其他规则无法同时满足；给出的方案放宽了这一条</translation>
    </message>
    <message>
        <source>no plan meets every rule, and relaxing any one rule does not help</source>
        <translation>没有方案能满足全部规则，放宽任何一条规则也无济于事</translation>
    </message>
    <message>
        <source>the population floor {minimum}</source>
        <translation>人口下限 {minimum}</translation>
    </message>
    <message>
        <source>the area floor {minimum} km2</source>
        <translation>面积下限 {minimum} 平方公里</translation>
    </message>
    <message>
        <source>the maximum of {maximum} towns per unit</source>
        <translation>每个单位最多 {maximum} 个乡镇</translation>
    </message>
    <message>
        <source>the maximum service radius {maximum} km</source>
        <translation>最大服务半径 {maximum} 公里</translation>
    </message>
    <message>
        <source>enlarging {categories}</source>
        <translation>扩大{categories}</translation>
    </message>
    <message>
        <source>keeping {categories} whole</source>
        <translation>{categories}成建制保留</translation>
    </message>
    <message>
        <source>unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, and under the other rules the {towns} towns form at least {n} units</source>
        <translation>目标乡镇数 {low}–{high} 无法满足：{whole} 个乡镇成建制保留，在其他规则下 {towns} 个乡镇最少组成 {n} 个单位</translation>
    </message>
    <message>
        <source>unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, and under the other rules the {towns} towns form at most {n} units</source>
        <translation>目标乡镇数 {low}–{high} 无法满足：{whole} 个乡镇成建制保留，在其他规则下 {towns} 个乡镇最多组成 {n} 个单位</translation>
    </message>
</context>
<context>
    <name>PlanActions</name>
    <message>
        <source>Rename unit</source>
        <translation>重命名单元</translation>
    </message>
    <message>
        <source>&amp;New unit from selection</source>
        <translation>由所选乡镇新建单元(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Take out of its unit</source>
        <translation>移出所在单元(&amp;T)</translation>
    </message>
    <message>
        <source>Set as &amp;seat</source>
        <translation>设为驻地(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Rename unit…</source>
        <translation>重命名单元(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Zoom to unit</source>
        <translation>缩放到单元(&amp;Z)</translation>
    </message>
    <message>
        <source>Choose one town to be the seat</source>
        <translation>请选择一个乡镇作为驻地</translation>
    </message>
    <message>
        <source>Choose one village to be the seat</source>
        <translation>请选择一个村作为驻地</translation>
    </message>
    <message>
        <source>Choose villages of one unit to rename it</source>
        <translation>请选择同一单元的村以重命名该单元</translation>
    </message>
    <message>
        <source>Choose towns of one unit to rename it</source>
        <translation>请选择同一单元的乡镇以重命名该单元</translation>
    </message>
    <message>
        <source>New name of {unit}:</source>
        <translation>{unit}的新名称：</translation>
    </message>
    <message>
        <source>Township Boundary Editor</source>
        <translation>乡镇区划调整编辑器</translation>
    </message>
    <message>
        <source>Open plan…</source>
        <translation>打开方案…</translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation>保存方案(&amp;S)</translation>
    </message>
    <message>
        <source>Save plan &amp;as…</source>
        <translation>方案另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Import assignment table…</source>
        <translation>导入对照表…</translation>
    </message>
    <message>
        <source>Export merged units…</source>
        <translation>导出合并后乡镇…</translation>
    </message>
    <message>
        <source>Export tables…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>{plan} (copy, not saved)</source>
        <translation>{plan}（副本，未保存）</translation>
    </message>
    <message>
        <source>{name} is open in another window ({owner}); this one journals its edits apart.</source>
        <translation>{name} 已在另一个窗口中打开（{owner}）；本窗口的修改单独记录日志。</translation>
    </message>
    <message>
        <source>Recovery journal</source>
        <translation>恢复日志</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <translation>恢复未保存的修改</translation>
    </message>
    <message>
        <source>Recover them? Discarding deletes them for good.</source>
        <translation>要恢复吗？放弃将永久删除这些修改。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>The boundary line layer {name} was not found ({path}); border towns come from the layer&apos;s field.</source>
        <translation>未找到边界线图层 {name}（{path}）；沿边乡镇改按图层字段确定。</translation>
    </message>
    <message>
        <source>The facility layer {name} was not found ({path}).</source>
        <translation>未找到设施图层 {name}（{path}）。</translation>
    </message>
    <message>
        <source>The reference layer {name} was not found ({path}).</source>
        <translation>未找到参考图层 {name}（{path}）。</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>正在写入 {name}…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>The plan has unsaved changes. Save them?</source>
        <translation>方案有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <source>Open plan</source>
        <translation>打开方案</translation>
    </message>
    <message>
        <source>Locate the township layer</source>
        <translation>查找乡镇图层</translation>
    </message>
    <message>
        <source>Layers (*.shp *.gpkg *.geojson *.json)</source>
        <translation>图层 (*.shp *.gpkg *.geojson *.json)</translation>
    </message>
    <message>
        <source>Export merged units</source>
        <translation>导出合并后乡镇</translation>
    </message>
    <message>
        <source>Old-to-new assignment table</source>
        <translation>新旧乡镇对照表</translation>
    </message>
    <message>
        <source>Unit statistics</source>
        <translation>单元统计</translation>
    </message>
    <message>
        <source>Save plan as</source>
        <translation>方案另存为</translation>
    </message>
    <message>
        <source>Plan files (*.tbplan)</source>
        <translation>方案文件 (*.tbplan)</translation>
    </message>
    <message>
        <source>Import assignment table</source>
        <translation>导入对照表</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx)</source>
        <translation>表格 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp);;GeoPackage (*.gpkg);;GeoJSON (*.geojson)</source>
        <translation>Shapefile (*.shp);;GeoPackage (*.gpkg);;GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>Export tables</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>表格：</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>{layer} (plan not saved)</source>
        <translation>{layer}（方案未保存）</translation>
    </message>
    <message>
        <source>Edits are no longer being saved for recovery: {error}</source>
        <translation>修改已无法写入恢复日志：{error}</translation>
    </message>
    <message>
        <source>Unsaved changes from an earlier session were found ({n} edits, started {when}).</source>
        <translation>发现上次会话未保存的修改（{n} 项，开始于 {when}）。</translation>
    </message>
    <message>
        <source>The unsaved changes cannot be replayed as they are: {error}</source>
        <translation>未保存的修改无法按原样重放：{error}</translation>
    </message>
    <message>
        <source>The journal was kept as {path}. Replay it by town id anyway? Towns this layer no longer has are left out.</source>
        <translation>日志已另存为 {path}。仍要按乡镇代码重放吗？此图层已没有的乡镇将被略去。</translation>
    </message>
    <message>
        <source>Replay by town id</source>
        <translation>按乡镇代码重放</translation>
    </message>
    <message>
        <source>Keep it aside</source>
        <translation>暂且保留</translation>
    </message>
    <message>
        <source>A recovery journal could not be read ({error}). It was kept as {path}.</source>
        <translation>无法读取恢复日志（{error}），已另存为 {path}。</translation>
    </message>
    <message>
        <source>The unsaved changes cannot be replayed: {error}. The journal was kept as {path}.</source>
        <translation>未保存的修改无法重放：{error}。日志已另存为 {path}。</translation>
    </message>
    <message>
        <source>The last session of {name} ended without saving. Open it to recover?</source>
        <translation>{name} 的上次会话未保存即结束。要打开并恢复吗？</translation>
    </message>
    <message>
        <source>{name} is open in another instance of the editor ({owner}).</source>
        <translation>{name} 已在编辑器的另一个实例中打开（{owner}）。</translation>
    </message>
    <message>
        <source>Open a copy? Its edits are kept apart and saved with Save plan as…; the plan file is not changed.</source>
        <translation>要打开副本吗？副本的修改单独保存，请用“方案另存为…”保存；原方案文件不会被改动。</translation>
    </message>
    <message>
        <source>Open a copy</source>
        <translation>打开副本</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>{name} is open in another instance of the editor ({owner}); save under another name.</source>
        <translation>{name} 已在编辑器的另一个实例中打开（{owner}）；请以其他文件名保存。</translation>
    </message>
    <message>
        <source>The layer of this plan was not found: {path}. Please locate it.</source>
        <translation>找不到该方案的图层：{path}。请指定其位置。</translation>
    </message>
    <message>
        <source>merged_units</source>
        <translation>合并后乡镇</translation>
    </message>
    <message>
        <source>Text encoding of the shapefile:</source>
        <translation>Shapefile 的文字编码：</translation>
    </message>
    <message>
        <source>Wrote {n} merged units to {path}.</source>
        <translation>已将 {n} 个合并后乡镇写入 {path}。</translation>
    </message>
    <message>
        <source>Recovered {n} edits</source>
        <translation>已恢复 {n} 项修改</translation>
    </message>
    <message>
        <source>The plan was opened with these differences:</source>
        <translation>方案已打开，存在以下差异：</translation>
    </message>
    <message>
        <source>No row of {name} matched a town of this layer.</source>
        <translation>{name} 中没有一行与本图层的乡镇匹配。</translation>
    </message>
    <message>
        <source>{n} row(s) matched no town: {rows}</source>
        <translation>{n} 行未匹配到乡镇：{rows}</translation>
    </message>
    <message>
        <source>Long field names were shortened; see {name}.</source>
        <translation>过长的字段名已缩短，详见 {name}。</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>新旧对照表</translation>
    </message>
    <message>
        <source>unit_statistics</source>
        <translation>单元统计</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print Layout</source>
        <translation>打印版面</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>Default: the plan title</source>
        <translation>默认：方案标题</translation>
    </message>
    <message>
        <source>county · plan · date (default)</source>
        <translation>县 · 方案 · 日期（默认）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>PNG resolution</source>
        <translation>PNG 分辨率</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Layout exported: {path}</source>
        <translation>版面已导出：{path}</translation>
    </message>
    <message>
        <source>Layout sent to {printer}</source>
        <translation>版面已送往 {printer}</translation>
    </message>
    <message>
        <source>Printing could not start on {printer}.</source>
        <translation>无法在 {printer} 上开始打印。</translation>
    </message>
    <message>
        <source>Print &amp;Layout…</source>
        <translation>打印版面(&amp;L)…</translation>
    </message>
    <message>
        <source>Overview, before/after and meeting packet layouts</source>
        <translation>总图、调整前后对比图和会议材料版面</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总图</translation>
    </message>
    <message>
        <source>Before and after</source>
        <translation>调整前后对比</translation>
    </message>
    <message>
        <source>Meeting packet (one page per unit)</source>
        <translation>会议材料（每个单元一页）</translation>
    </message>
    <message>
        <source>Export layout</source>
        <translation>导出版面</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG image (*.png)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Page {k} of {n}</source>
        <translation>第 {k} 页，共 {n} 页</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Finder Folder</source>
        <translation>Finder 文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>替身</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>0 = off</source>
        <translation>0 = 不启用</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Border flag (as mapped)</source>
        <translation>沿边标记（图层已对应字段）</translation>
    </message>
    <message>
        <source>Historic-cultural flag (as mapped)</source>
        <translation>历史文化名镇标记（图层已对应字段）</translation>
    </message>
    <message>
        <source>County-seat flag (as mapped)</source>
        <translation>县政府驻地标记（图层已对应字段）</translation>
    </message>
    <message>
        <source>Regional-centre flag (as mapped)</source>
        <translation>区域中心镇标记（图层已对应字段）</translation>
    </message>
    <message>
        <source>To the nearest whole number</source>
        <translation>四舍五入</translation>
    </message>
    <message>
        <source>Up to a whole number</source>
        <translation>向上取整</translation>
    </message>
    <message>
        <source>Down to a whole number</source>
        <translation>向下取整</translation>
    </message>
    <message>
        <source>Not rounded (decimals kept)</source>
        <translation>不取整（保留小数）</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Thresholds and targets</source>
        <translation>门槛与目标</translation>
    </message>
    <message>
        <source>Staffing quota</source>
        <translation>编制</translation>
    </message>
    <message>
        <source>Villages and data</source>
        <translation>村级与数据</translation>
    </message>
    <message>
        <source>Rule set name</source>
        <translation>规则集名称</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Each merged unit must be one piece (contiguous)</source>
        <translation>每个合并后乡镇须连片</translation>
    </message>
    <message>
        <source>Preserved towns (kept whole, or keeping their name)</source>
        <translation>保留类乡镇（成建制保留或保留名称）</translation>
    </message>
    <message>
        <source>Towns expected to absorb their neighbours</source>
        <translation>应做大做强、吸纳周边的乡镇</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>A preserved town left whole need not reach the minimums</source>
        <translation>成建制保留的乡镇不受最低门槛限制</translation>
    </message>
    <message>
        <source>Minimum population</source>
        <translation>最低人口</translation>
    </message>
    <message>
        <source>Minimum area</source>
        <translation>最小面积</translation>
    </message>
    <message>
        <source>Maximum member towns</source>
        <translation>最多所含乡镇数</translation>
    </message>
    <message>
        <source>Maximum service radius</source>
        <translation>最大服务半径</translation>
    </message>
    <message>
        <source>Number of units after the merger</source>
        <translation>调整后乡镇数</translation>
    </message>
    <message>
        <source>Target mean population</source>
        <translation>目标平均人口</translation>
    </message>
    <message>
        <source>Target mean area</source>
        <translation>目标平均面积</translation>
    </message>
    <message>
        <source>Benchmark (for example a national average)</source>
        <translation>基准（例如全国平均）</translation>
    </message>
    <message>
        <source>Mean population</source>
        <translation>平均人口</translation>
    </message>
    <message>
        <source>Mean area</source>
        <translation>平均面积</translation>
    </message>
    <message>
        <source>quota = basic + population / 10,000 × w + area / 100 km² × w + villages × w + key guarantee. The default weights are EXAMPLES: use your province&apos;s method.</source>
        <translation>编制 = 基本编制 + 人口/万 × 权重 + 面积/100 km² × 权重 + 村数 × 权重 + 重点保障。默认权重仅为示例，请按本省办法设置。</translation>
    </message>
    <message>
        <source>Basic quota</source>
        <translation>基本编制</translation>
    </message>
    <message>
        <source>Per 10,000 people</source>
        <translation>每万人</translation>
    </message>
    <message>
        <source>Per 100 km²</source>
        <translation>每 100 km²</translation>
    </message>
    <message>
        <source>Per village</source>
        <translation>每个村</translation>
    </message>
    <message>
        <source>Village count field</source>
        <translation>村数字段</translation>
    </message>
    <message>
        <source>Population line for key guarantee</source>
        <translation>重点保障人口线</translation>
    </message>
    <message>
        <source>Bonus over the population line</source>
        <translation>超过人口线的加编</translation>
    </message>
    <message>
        <source>Bonus for the county-seat town</source>
        <translation>县政府驻地镇加编</translation>
    </message>
    <message>
        <source>Economically developed town field</source>
        <translation>经济发达镇字段</translation>
    </message>
    <message>
        <source>Bonus for a developed town</source>
        <translation>经济发达镇加编</translation>
    </message>
    <message>
        <source>Pilot town field</source>
        <translation>试点镇字段</translation>
    </message>
    <message>
        <source>Bonus for a pilot town</source>
        <translation>试点镇加编</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>取整方式</translation>
    </message>
    <message>
        <source>Show the quota on village layers too (it is a township figure)</source>
        <translation>村级图层也显示编制（编制为乡镇级指标）</translation>
    </message>
    <message>
        <source>Village level</source>
        <translation>村级</translation>
    </message>
    <message>
        <source>A merged unit must not cross township lines</source>
        <translation>合并后单元不得跨乡镇</translation>
    </message>
    <message>
        <source>Parent township field (blank: as mapped)</source>
        <translation>所属乡镇字段（空白：按已对应的字段）</translation>
    </message>
    <message>
        <source>Numeric fields summed per unit</source>
        <translation>按单元汇总的数值字段</translation>
    </message>
    <message>
        <source>Facility type field</source>
        <translation>设施类型字段</translation>
    </message>
    <message>
        <source>Rule sets (*.toml *.json)</source>
        <translation>规则集 (*.toml *.json)</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <source>Rules the plan is checked against, quota weights, targets</source>
        <translation>检查方案所依据的规则、编制权重与目标</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Field: one of the flags the layer&apos;s fields were mapped to when it was opened, or any column of the layer (read as yes/no: 1/0, 是/否, Y/N).</source>
        <translation>字段：打开图层时已对应的标记字段之一，或图层的任一字段（按是/否读取：1/0、是/否、Y/N）。</translation>
    </message>
    <message>
        <source>Each merged unit</source>
        <translation>每个合并后乡镇</translation>
    </message>
    <message>
        <source>County targets</source>
        <translation>全县目标</translation>
    </message>
    <message>
        <source>Load rule set</source>
        <translation>载入规则集</translation>
    </message>
    <message>
        <source>Save rule set</source>
        <translation>保存规则集</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>成建制</translation>
    </message>
    <message>
        <source>keeps its name</source>
        <translation>保留名称</translation>
    </message>
    <message>
        <source>The rules saved with the plan were not used: {error}</source>
        <translation>未使用随方案保存的规则：{error}</translation>
    </message>
</context>
<context>
    <name>SummaryDock</name>
    <message>
        <source>County summary</source>
        <translation>全县概况</translation>
    </message>
</context>
<context>
    <name>SummaryWidget</name>
    <message>
        <source>Change in the number of units</source>
        <translation>乡镇数量的变化</translation>
    </message>
    <message>
        <source>After, as a percentage of the benchmark</source>
        <translation>调整后相当于基准的百分比</translation>
    </message>
    <message>
        <source>Recomputed for the merged units; before: every original town&apos;s own quota</source>
        <translation>按合并后乡镇重新测算；调整前为各原乡镇编制之和</translation>
    </message>
    <message>
        <source>No benchmark set.</source>
        <translation>未设置基准。</translation>
    </message>
    <message>
        <source>Benchmark: {label}</source>
        <translation>基准：{label}</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>Villages {before} → {after}, target {target}</source>
        <translation>村数 {before} → {after}，目标 {target}</translation>
    </message>
    <message>
        <source>Units {before} → {after}, target {target}</source>
        <translation>乡镇数 {before} → {after}，目标 {target}</translation>
    </message>
    <message>
        <source>Mean population {after}, target {target}</source>
        <translation>平均人口 {after}，目标 {target}</translation>
    </message>
    <message>
        <source>Mean area {after} km², target {target} km²</source>
        <translation>平均面积 {after} km²，目标 {target} km²</translation>
    </message>
    <message>
        <source>met</source>
        <translation>已达到</translation>
    </message>
    <message>
        <source>{what}: {state}</source>
        <translation>{what}：{state}</translation>
    </message>
    <message>
        <source>not met: {n} fewer villages needed</source>
        <translation>未达目标：还需减少 {n} 个</translation>
    </message>
    <message>
        <source>not met: {n} fewer units needed</source>
        <translation>未达目标：还需减少 {n} 个</translation>
    </message>
    <message>
        <source>not met: {n} villages below the target</source>
        <translation>未达目标：比目标少 {n} 个</translation>
    </message>
    <message>
        <source>not met: {n} units below the target</source>
        <translation>未达目标：比目标少 {n} 个</translation>
    </message>
    <message>
        <source>not met: {gap} short</source>
        <translation>未达目标：还差 {gap}</translation>
    </message>
    <message>
        <source>not met: {gap} km² short</source>
        <translation>未达目标：还差 {gap} km²</translation>
    </message>
    <message>
        <source>{town}: villages {before} → {after}, population {pb} → {pa}</source>
        <translation>{town}：村数 {before} → {after}，人口 {pb} → {pa}</translation>
    </message>
    <message>
        <source>{town}: towns {before} → {after}, population {pb} → {pa}</source>
        <translation>{town}：乡镇数 {before} → {after}，人口 {pb} → {pa}</translation>
    </message>
    <message>
        <source>grew</source>
        <translation>已做大</translation>
    </message>
    <message>
        <source>did not grow</source>
        <translation>未做大</translation>
    </message>
    <message>
        <source>absorbed into {unit}</source>
        <translation>被并入{unit}</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>调整前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>调整后</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>vs. benchmark</source>
        <translation>与基准比</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>乡镇数</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村数</translation>
    </message>
    <message>
        <source>Mean population</source>
        <translation>平均人口</translation>
    </message>
    <message>
        <source>Mean area km²</source>
        <translation>平均面积（km²）</translation>
    </message>
    <message>
        <source>Staffing quota</source>
        <translation>编制</translation>
    </message>
    <message>
        <source>Set benchmark…</source>
        <translation>设置基准…</translation>
    </message>
</context>
<context>
    <name>UnitsDock</name>
    <message>
        <source>Merged units</source>
        <translation>合并后乡镇</translation>
    </message>
    <message>
        <source>Merged villages</source>
        <translation>合并后村</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <source>Unit</source>
        <extracomment>the base columns; facility and carried columns follow COL_QUOTA when there are any</extracomment>
        <translation>合并后乡镇</translation>
    </message>
    <message>
        <source>Merged village</source>
        <translation>合并后村</translation>
    </message>
    <message>
        <source>Towns</source>
        <translation>所含乡镇</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>所含村</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Area km²</source>
        <translation>面积 km²</translation>
    </message>
    <message>
        <source>Border</source>
        <translation>沿边</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>驻地</translation>
    </message>
    <message>
        <source>Contiguous</source>
        <translation>连片</translation>
    </message>
    <message>
        <source>Radius km</source>
        <translation>服务半径 km</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>编制</translation>
    </message>
    <message>
        <source>Service radius: km from the seat to the farthest point of the unit</source>
        <translation>服务半径：驻地到本乡镇最远点的直线距离（km）</translation>
    </message>
    <message>
        <source>Staffing quota recomputed for the merged unit (the tooltip of a cell shows how, and its towns&apos; old quotas added up)</source>
        <translation>按合并后乡镇重新测算的编制（单元格提示中有测算过程和原乡镇编制合计）</translation>
    </message>
    <message>
        <source>Facilities of category {category} inside the unit</source>
        <translation>乡镇范围内的{category}数量</translation>
    </message>
    <message>
        <source>Sum of the field {field} over the unit&apos;s towns</source>
        <translation>各成员乡镇{field}之和</translation>
    </message>
    <message>
        <source>Border ({n})</source>
        <translation>沿边 {n}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No: {n} pieces</source>
        <translation>否：{n} 块</translation>
    </message>
    <message>
        <source>Population missing</source>
        <translation>人口缺失</translation>
    </message>
    <message>
        <source>{n} village(s) without a population figure</source>
        <translation>{n} 个村缺少人口数据</translation>
    </message>
    <message>
        <source>{n} town(s) without a population figure</source>
        <translation>{n} 个乡镇缺少人口数据</translation>
    </message>
    <message>
        <source>Seat chosen by hand</source>
        <translation>驻地为手动指定</translation>
    </message>
    <message>
        <source>Seat chosen automatically</source>
        <translation>驻地为自动选定</translation>
    </message>
    <message>
        <source>basic {basic:g} + population {population:.1f} + area {area:.1f} + villages {villages:.1f} + key guarantee {key:g} = {total:g}</source>
        <translation>基本编制 {basic:g} + 人口 {population:.1f} + 面积 {area:.1f} + 村数 {villages:.1f} + 重点保障 {key:g} = {total:g}</translation>
    </message>
    <message>
        <source>Its towns&apos; own quotas added up: {old:g}</source>
        <translation>原乡镇编制合计：{old:g}</translation>
    </message>
    <message>
        <source>Key guarantee: {reasons}</source>
        <translation>重点保障：{reasons}</translation>
    </message>
    <message>
        <source>historic-cultural town</source>
        <translation>历史文化名镇</translation>
    </message>
    <message>
        <source>county-seat town</source>
        <translation>县政府驻地镇</translation>
    </message>
    <message>
        <source>regional centre town</source>
        <translation>区域中心镇</translation>
    </message>
</context>
<context>
    <name>UnitsWidget</name>
    <message>
        <source>{unit} + {n} villages: population {before} → {after}, area {abefore} → {aafter} km²</source>
        <translation>{unit} + {n} 个村：人口 {before} → {after}，面积 {abefore} → {aafter} km²</translation>
    </message>
    <message>
        <source>{unit} + {n} towns: population {before} → {after}, area {abefore} → {aafter} km²</source>
        <translation>{unit} + {n} 个乡镇：人口 {before} → {after}，面积 {abefore} → {aafter} km²</translation>
    </message>
    <message>
        <source>Filter merged villages by name…</source>
        <translation>按名称筛选合并后村…</translation>
    </message>
    <message>
        <source>Filter units by name…</source>
        <translation>按名称筛选乡镇…</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <source>Zoom to &amp;all</source>
        <translation>全图(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom to &amp;selection</source>
        <translation>缩放到所选(&amp;S)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Undo &amp;history</source>
        <translation>撤销历史(&amp;H)</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何内容</translation>
    </message>
</context>
<context>
    <name>WarningsDock</name>
    <message>
        <source>Warnings ({n})</source>
        <translation>规则提示（{n}）</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>规则提示</translation>
    </message>
</context>
<context>
    <name>WarningsWidget</name>
    <message>
        <source>County</source>
        <translation>全县</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Merged village</source>
        <translation>合并后村</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <source>Move {town} into {unit}</source>
        <extracomment>Language code → the language&apos;s own name (menu entries are not translated).</extracomment>
        <translation>将{town}并入{unit}</translation>
    </message>
    <message>
        <source>Merge {n} towns into {unit}</source>
        <translation>将 {n} 个乡镇并入{unit}</translation>
    </message>
    <message>
        <source>Merge {n} units into {unit}</source>
        <translation>将 {n} 个单元并入{unit}</translation>
    </message>
    <message>
        <source>New unit {unit} from {n} towns</source>
        <translation>由 {n} 个乡镇新建{unit}</translation>
    </message>
    <message>
        <source>Take {town} out of its unit</source>
        <translation>将{town}移出所在单元</translation>
    </message>
    <message>
        <source>Take {n} towns out of their units</source>
        <translation>将 {n} 个乡镇移出所在单元</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>将{old}改名为{new}</translation>
    </message>
    <message>
        <source>Set seat of {unit} to {town}</source>
        <translation>将{unit}的驻地设为{town}</translation>
    </message>
    <message>
        <source>Edit note of {unit}</source>
        <translation>编辑{unit}的备注</translation>
    </message>
    <message>
        <source>Apply assignment of {n} towns to {m} units</source>
        <translation>应用方案：{n} 个乡镇分入 {m} 个单元</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
</TS>
