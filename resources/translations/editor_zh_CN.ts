<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BenchmarkDialog</name>
    <message>
        <location filename="../../editor/gui/docks/summary.py" line="+94" />
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Label:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mean population:</source>
        <translation>平均人口：</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mean area (km²):</source>
        <translation>平均面积（平方公里）：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>e.g. national average</source>
        <translation>例如：全国平均</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+1" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>FieldMappingDialog</name>
    <message>
        <location filename="../../editor/gui/field_dialog.py" line="+136" />
        <source>Town code</source>
        <translation>乡镇代码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Town name</source>
        <translation>乡镇名称</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Official area (km²)</source>
        <translation>官方面积（平方公里）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Border town (flag)</source>
        <translation>沿边乡镇（标记）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Historic-cultural town (flag)</source>
        <translation>历史文化名镇（标记）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>County-seat town (flag)</source>
        <translation>县政府驻地镇（标记）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Regional centre town (flag)</source>
        <translation>区域中心镇（标记）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Parent township</source>
        <translation>所属乡镇</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Fields of the layer</source>
        <translation>图层字段</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the layer</source>
        <translation>该图层</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Some fields of {name} could not be recognised with certainty (marked in red). Check which column holds each item; the samples show each column's first values.</source>
        <translation>{name} 中有些字段未能确定识别（红色标出）。请核对每一项对应的字段；示例值为各字段的前几个值。</translation>
    </message>
    <message>
        <location line="+19" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Use the official area field in statistics</source>
        <translation>统计时使用官方面积字段</translation>
    </message>
</context>
<context>
    <name>InfoDock</name>
    <message>
        <location filename="../../editor/gui/docks/info.py" line="+122" />
        <source>Town under the cursor</source>
        <translation>光标处乡镇</translation>
    </message>
</context>
<context>
    <name>InfoWidget</name>
    <message>
        <location line="-71" />
        <source>(move the cursor over a town)</source>
        <translation>（将光标移到乡镇上）</translation>
    </message>
    <message>
        <location line="+10" />
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{unit} ({n} towns)</source>
        <translation>{unit}（{n} 个乡镇）</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{unit} (alone)</source>
        <translation>{unit}（单独）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>this town is the seat of {unit}</source>
        <translation>本乡镇为{unit}的驻地</translation>
    </message>
    <message>
        <location line="+6" />
        <source>border town</source>
        <translation>沿边乡镇</translation>
    </message>
    <message>
        <location line="+2" />
        <source>historic-cultural town</source>
        <translation>历史文化名镇</translation>
    </message>
    <message>
        <location line="+2" />
        <source>county-seat town</source>
        <translation>县政府驻地镇</translation>
    </message>
    <message>
        <location line="+2" />
        <source>regional centre town</source>
        <translation>区域中心镇</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Town:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Code:</source>
        <translation>代码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Population:</source>
        <translation>人口：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Area:</source>
        <translation>面积：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Merged unit:</source>
        <translation>合并后乡镇：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unit seat:</source>
        <translation>驻地：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Flags:</source>
        <translation>标记：</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../editor/gui/i18n.py" line="+203" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Loader</name>
    <message>
        <location filename="../../editor/gui/loader.py" line="+72" />
        <source>Opening layer</source>
        <translation>正在打开图层</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+51" />
        <location line="+46" />
        <source>Cannot open layer</source>
        <translation>无法打开图层</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Open township layer</source>
        <translation>打开乡镇图层</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Layers (*.shp *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>图层 (*.shp *.gpkg *.geojson *.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <location line="+47" />
        <source>Clear Recent Files</source>
        <translation>清除最近文件</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Recent Files</source>
        <translation>最近文件</translation>
    </message>
</context>
<context>
    <name>SummaryDock</name>
    <message>
        <location filename="../../editor/gui/docks/summary.py" line="+177" />
        <source>County summary</source>
        <translation>全县概况</translation>
    </message>
</context>
<context>
    <name>SummaryWidget</name>
    <message>
        <location line="-68" />
        <source>Change in the number of units</source>
        <translation>乡镇数量的变化</translation>
    </message>
    <message>
        <location line="+2" />
        <source>After, as a percentage of the benchmark</source>
        <translation>调整后相当于基准的百分比</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No benchmark set.</source>
        <translation>未设置基准。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Benchmark: {label}</source>
        <translation>基准：{label}</translation>
    </message>
    <message>
        <location line="+0" />
        <source>(no label)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Before</source>
        <translation>调整前</translation>
    </message>
    <message>
        <location line="+1" />
        <source>After</source>
        <translation>调整后</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <location line="+1" />
        <source>vs. benchmark</source>
        <translation>与基准比</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Units</source>
        <translation>乡镇数</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mean population</source>
        <translation>平均人口</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mean area km²</source>
        <translation>平均面积（km²）</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Set benchmark…</source>
        <translation>设置基准…</translation>
    </message>
</context>
<context>
    <name>UnitsDock</name>
    <message>
        <location filename="../../editor/gui/docks/units.py" line="+844" />
        <source>Merged units</source>
        <translation>合并后乡镇</translation>
    </message>
</context>
<context>
    <name>UnitsModel</name>
    <message>
        <location line="-540" />
        <source>Unit</source>
        <translation>合并后乡镇</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Towns</source>
        <translation>所含乡镇</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Area km²</source>
        <translation>面积 km²</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+69" />
        <location line="+85" />
        <source>Border</source>
        <translation>沿边</translation>
    </message>
    <message>
        <location line="-153" />
        <source>Seat</source>
        <translation>驻地</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contiguous</source>
        <translation>连片</translation>
    </message>
    <message>
        <location line="+69" />
        <source>Border ({n})</source>
        <translation>沿边（{n}）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No: {n} pieces</source>
        <translation>否：{n} 块</translation>
    </message>
    <message>
        <location line="+38" />
        <source>{n} town(s) without a population figure</source>
        <translation>{n} 个乡镇缺少人口数据</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Seat chosen by hand</source>
        <translation>驻地为手动指定</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Seat chosen automatically</source>
        <translation>驻地为自动选定</translation>
    </message>
    <message>
        <location line="+61" />
        <source>historic-cultural town</source>
        <translation>历史文化名镇</translation>
    </message>
    <message>
        <location line="+2" />
        <source>county-seat town</source>
        <translation>县政府驻地镇</translation>
    </message>
    <message>
        <location line="+2" />
        <source>regional centre town</source>
        <translation>区域中心镇</translation>
    </message>
</context>
<context>
    <name>UnitsWidget</name>
    <message>
        <location line="+276" />
        <source>{unit} + {n} towns: population {before} → {after}, area {abefore} → {aafter} km²</source>
        <translation>{unit} + {n} 个乡镇：人口 {before} → {after}，面积 {abefore} → {aafter} km²</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Filter units by name…</source>
        <translation>按名称筛选乡镇…</translation>
    </message>
</context>
<context>
    <name>WarningsDock</name>
    <message>
        <location filename="../../editor/gui/docks/warnings.py" line="+240" />
        <source>Warnings ({n})</source>
        <translation>规则提示（{n}）</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Warnings</source>
        <translation>规则提示</translation>
    </message>
</context>
<context>
    <name>WarningsWidget</name>
    <message>
        <location line="-94" />
        <location line="+62" />
        <source>County</source>
        <translation>全县</translation>
    </message>
    <message>
        <location line="-45" />
        <source>{unit} is in {n} separate pieces</source>
        <translation>{unit} 分为 {n} 块，不连片</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Border town {towns} merged into {unit} ({n} towns); border towns are kept whole</source>
        <translation>沿边乡镇 {towns} 被并入{unit}（{n} 个乡镇）；沿边乡镇应成建制保留</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Historic-cultural town {towns} merged into {unit} and loses its name</source>
        <translation>历史文化名镇 {towns} 并入{unit}后失去名称</translation>
    </message>
    <message>
        <location line="+25" />
        <source>Unit</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../editor/gui/i18n.py" line="-161" />
        <source>Move {town} into {unit}</source>
        <extracomment>Language code → the language's own name (menu entries are not translated).</extracomment>
        <translation>将{town}并入{unit}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Merge {n} towns into {unit}</source>
        <translation>将 {n} 个乡镇并入{unit}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Merge {n} units into {unit}</source>
        <translation>将 {n} 个单元并入{unit}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New unit {unit} from {n} towns</source>
        <translation>由 {n} 个乡镇新建{unit}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Take {town} out of its unit</source>
        <translation>将{town}移出所在单元</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Take {n} towns out of their units</source>
        <translation>将 {n} 个乡镇移出所在单元</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rename {old} to {new}</source>
        <translation>将{old}改名为{new}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set seat of {unit} to {town}</source>
        <translation>将{unit}的驻地设为{town}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Edit note of {unit}</source>
        <translation>编辑{unit}的备注</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Apply assignment of {n} towns to {m} units</source>
        <translation>应用方案：{n} 个乡镇分入 {m} 个单元</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+113" />
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
</TS>