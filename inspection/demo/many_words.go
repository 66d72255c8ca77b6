package demo

import (
	"image/color"

	"github.com/loupeqc/loupe/inspection"
)

// The vocabulary of the generated inspections: what inspectors of consumer
// goods write, in English with the Chinese term the factory uses beside it.

type defect struct{ en, zh string }

type measure struct {
	name, unit, instrument string
	nominal, tol           float64
}

type category struct {
	name, code, shape string
	trade, tradeZH    string
	tint              color.RGBA
	items             []string
	defects           []defect
	locations         []string
	measures          []measure
	test              inspection.Test
	limit             string // the boundary sample's wording
}

var categories = []category{
	{name: "kettles", code: "KT", shape: "kettle", trade: "Electrical Appliances", tradeZH: "电器", tint: steel,
		items: []string{"Stainless steel electric kettle 1.7 L, 2200 W", "Glass electric kettle 1.5 L with blue light", "Travel kettle 0.6 L, dual voltage", "Gooseneck pour-over kettle 0.9 L"},
		defects: []defect{{"Scratch on stainless body", "划痕"}, {"Dent on lid", "凹痕"}, {"Lid hinge loose, lid does not stay open", "盖子铰链松"}, {"Glue residue on base", "残胶"},
			{"Power cord insulation nicked", "电源线破皮"}, {"Switch stiff to operate", "开关不灵"}, {"Missing rubber foot", "缺脚垫"}, {"Logo print misaligned", "印刷偏位"},
			{"Water gauge window fogged", "水位窗起雾"}, {"Spout filter missing", "缺过滤网"}, {"Burr on handle seam", "毛刺"}, {"Dirt inside the kettle", "内部脏污"}},
		locations: []string{"Body, front", "Body, rear side", "Lid", "Lid hinge", "Base", "Handle", "Spout", "Power cord", "Retail box"},
		measures: []measure{{"Body height", "mm", "Digital caliper (#QC-031)", 245, 1.5}, {"Power cord length", "mm", "Steel tape 2 m (#QC-007)", 750, 15},
			{"Carton gross weight", "kg", "Platform scale 60 kg (#QC-012)", 9.6, 0.3}},
		test:  inspection.Test{Kind: inspection.TestElectrical, Name: "Hi-pot 1250 V / 3 s and earth continuity", SampleSize: 32, Result: inspection.Pass},
		limit: "Scratch on body up to 3 mm, not on the front face: acceptable"},
	{name: "boards", code: "BB", shape: "board", trade: "Bamboo Products", tradeZH: "竹制品", tint: bamboo,
		items: []string{"Bamboo cutting board set, 3 pieces", "Acacia serving board with handle", "Bamboo bread bin", "Bamboo drawer organiser, expandable"},
		defects: []defect{{"Crack along the grain", "开裂"}, {"Rough edge, splinter risk", "毛边"}, {"Uneven oil finish", "上油不均"}, {"Mould spot", "霉点"},
			{"Glue line visible on face", "胶线明显"}, {"Colour darker than golden sample", "颜色偏深"}, {"Warped board", "变形"}, {"Burn mark from laser logo", "激光烧焦"}},
		locations: []string{"Large board, back face", "Front face", "Handle hole", "Edge", "Corner", "Polybag", "Retail sleeve"},
		measures: []measure{{"Moisture content", "%", "Pin moisture meter (#QC-044)", 10, 2}, {"Large board length", "mm", "Steel rule 600 mm", 430, 2},
			{"Board thickness", "mm", "Digital caliper (#QC-031)", 18, 0.5}},
		test:  inspection.Test{Kind: inspection.TestOdour, Name: "Odour check", SampleSize: 13, Result: inspection.Pass},
		limit: "Hairline crack along the grain up to 10 mm on the back: acceptable"},
	{name: "shirts", code: "TS", shape: "shirt", trade: "Garment", tradeZH: "服装", tint: navy,
		items: []string{"Men's cotton crew-neck T-shirt, navy, S–XXL", "Women's linen blouse, white", "Kids' hooded sweatshirt, grey", "Polo shirt, piqué, 6 colours"},
		defects: []defect{{"Open seam at side seam", "开缝"}, {"Untrimmed thread longer than 1 cm", "线头"}, {"Skipped stitch", "跳针"}, {"Oil stain", "油污"},
			{"Shade variation between panels", "色差"}, {"Broken button", "纽扣破损"}, {"Print misaligned", "印花偏位"}, {"Puckering at hem", "起皱"},
			{"Wrong size label", "尺码标错误"}, {"Hole in fabric", "破洞"}, {"Uneven collar", "领子不对称"}},
		locations: []string{"Left side seam", "Right side seam", "Hem", "Collar", "Sleeve", "Front panel", "Back panel", "Care label", "Polybag"},
		measures: []measure{{"Chest width (size L)", "cm", "Tape measure (#QC-003)", 56, 1}, {"Body length (size L)", "cm", "Tape measure (#QC-003)", 74, 1.5},
			{"Sleeve length (size L)", "cm", "Tape measure (#QC-003)", 22, 1}},
		test:  inspection.Test{Kind: inspection.TestShade, Name: "Colour shade against golden sample (D65)", SampleSize: 8, Result: inspection.Pass},
		limit: "Loose thread up to 1 cm on inside seams: acceptable"},
	{name: "mugs", code: "MG", shape: "kettle", trade: "Ceramics", tradeZH: "陶瓷", tint: color.RGBA{235, 230, 220, 255},
		items: []string{"Ceramic mug 350 ml, reactive glaze", "Stoneware dinner plate 27 cm", "Porcelain espresso cup and saucer", "Ceramic teapot 1 L"},
		defects: []defect{{"Glaze pinhole", "针孔"}, {"Glaze crawling", "缩釉"}, {"Chip on rim", "崩口"}, {"Black speck in glaze", "黑点"},
			{"Handle crooked", "把手歪"}, {"Hairline crack in body", "裂纹"}, {"Decal wrinkled", "花纸起皱"}, {"Uneven base, rocks on table", "底部不平"}},
		locations: []string{"Rim", "Handle", "Inside", "Outside wall", "Base", "Decal", "Gift box"},
		measures: []measure{{"Capacity to brim", "ml", "Measuring cylinder 500 ml", 350, 10}, {"Height", "mm", "Digital caliper (#QC-031)", 95, 1},
			{"Rim diameter", "mm", "Digital caliper (#QC-031)", 85, 1}},
		test:  inspection.Test{Kind: inspection.TestFunction, Name: "Thermal shock 20 °C / 90 °C", SampleSize: 5, Result: inspection.Pass},
		limit: "Pinhole up to 0.5 mm outside the rim area: acceptable"},
	{name: "toys", code: "TY", shape: "carton", trade: "Toys", tradeZH: "玩具", tint: color.RGBA{220, 60, 50, 255},
		items: []string{"Wooden stacking rings, 8 pieces", "Plush bear 30 cm", "Remote-control car 1:24", "Building blocks, 250 pieces"},
		defects: []defect{{"Sharp edge on plastic part", "利边"}, {"Paint bleeding", "油漆渗色"}, {"Loose eye on plush", "眼睛松动"}, {"Missing screw in battery cover", "缺螺丝"},
			{"Warning label missing", "缺警告标签"}, {"Parts count short by one", "少件"}, {"Flash on moulded part", "披锋"}, {"Stitching open on seam", "缝线开"}},
		locations: []string{"Battery cover", "Wheel", "Eye", "Seam", "Instruction leaflet", "Window box", "Blister"},
		measures:  []measure{{"Torque test on eye", "N·cm", "Torque gauge (#QC-051)", 40, 4}, {"Small part cylinder fit", "mm", "Small parts cylinder", 31.7, 0.5}},
		test:      inspection.Test{Kind: inspection.TestFunction, Name: "Function test with fresh batteries", SampleSize: 20, Result: inspection.Pass},
		limit:     "Paint bleeding up to 1 mm on back: acceptable"},
	{name: "lamps", code: "LP", shape: "kettle", trade: "Lighting", tradeZH: "照明", tint: color.RGBA{240, 220, 120, 255},
		items: []string{"LED desk lamp, dimmable, 8 W", "Rattan pendant lamp 40 cm", "Solar garden light, set of 4", "LED strip 5 m with remote"},
		defects: []defect{{"Lamp flickers when dimmed", "闪烁"}, {"Lamp does not light", "不亮"}, {"Housing cracked", "外壳破裂"}, {"Loose wire at terminal", "接线松动"},
			{"Rating label smudged", "铭牌模糊"}, {"Switch cover missing", "缺开关盖"}, {"Colour temperature too cold", "色温偏冷"}},
		locations: []string{"Lamp head", "Arm", "Base", "Switch", "Cable", "Rating label", "Gift box"},
		measures:  []measure{{"Input power", "W", "Power meter (#QC-060)", 8, 0.8}, {"Cable length", "mm", "Steel tape 2 m (#QC-007)", 1500, 30}},
		test:      inspection.Test{Kind: inspection.TestElectrical, Name: "Hi-pot 1500 V / 1 s", SampleSize: 20, Result: inspection.Pass},
		limit:     "Flicker only below 5 % brightness: acceptable"},
	{name: "shoes", code: "SH", shape: "board", trade: "Footwear", tradeZH: "鞋业", tint: color.RGBA{110, 70, 40, 255},
		items: []string{"Leather derby shoe, brown", "Running shoe, mesh upper", "Rubber rain boot, children's", "Canvas sneaker, white"},
		defects: []defect{{"Glue stain on upper", "溢胶"}, {"Sole separation at toe", "开胶"}, {"Asymmetric toe shape", "鞋头不对称"}, {"Wrinkle on upper", "鞋面起皱"},
			{"Size stamp wrong", "码数错误"}, {"Lace eyelet loose", "鞋眼松"}, {"Colour mismatch left and right", "左右色差"}},
		locations: []string{"Toe", "Heel", "Sole", "Upper, outside", "Upper, inside", "Insole", "Shoe box"},
		measures:  []measure{{"Sole bond strength", "N/mm", "Peel tester (#QC-072)", 4, 0.8}, {"Heel height", "mm", "Digital caliper (#QC-031)", 25, 1.5}},
		test:      inspection.Test{Kind: inspection.TestTape, Name: "Tape test on print", SampleSize: 5, Result: inspection.Pass},
		limit:     "Glue stain up to 2 mm inside the welt: acceptable"},
	{name: "furniture", code: "FN", shape: "board", trade: "Furniture", tradeZH: "家具", tint: color.RGBA{160, 110, 70, 255},
		items: []string{"Oak dining chair, upholstered seat", "Folding side table, acacia", "Bookshelf 5 tiers, white", "Bar stool with steel frame"},
		defects: []defect{{"Chair wobbles on flat floor", "摇晃"}, {"Scratch on tabletop", "台面划伤"}, {"Veneer lifting at edge", "贴皮起翘"}, {"Pre-drilled hole misaligned", "孔位偏"},
			{"Hardware pack missing", "缺五金包"}, {"Paint drip", "流漆"}, {"Fabric stain on seat", "座垫污渍"}},
		locations: []string{"Leg", "Seat", "Backrest", "Tabletop", "Shelf edge", "Hardware pack", "Assembly instructions"},
		measures:  []measure{{"Seat height", "mm", "Steel tape 2 m (#QC-007)", 460, 5}, {"Overall width", "mm", "Steel tape 2 m (#QC-007)", 450, 5}},
		test:      inspection.Test{Kind: inspection.TestFunction, Name: "Static load 110 kg on seat, 1 min", SampleSize: 3, Result: inspection.Pass},
		limit:     "Scratch up to 5 mm on the underside: acceptable"},
}

var clientNames = []string{
	"Northwind Home GmbH", "Harbor & Pine Retail Inc.", "Maison Clair SARL", "Blue Fjord AS", "Kestrel Outdoor Ltd.",
	"Casa Soleada S.L.", "Tanuki Trading K.K.", "Greenfield Stores plc", "Van Dijk Wonen B.V.", "Aurora Kids Oy",
	"Lindqvist Design AB", "Prairie Goods LLC",
}

var inspectorNames = []string{
	"Li Wei", "Zhang Min", "Nguyen Thi Mai", "Wang Fang", "Chen Hao", "Liu Yang", "Priya Raman", "Mehmet Yılmaz",
	"Tran Van Duc", "Huang Li", "Zhao Lei", "Sun Jing", "Rahim Uddin", "Ayşe Demir", "Wu Xia", "Ma Lin",
	"Gao Peng", "Lin Mei", "Pham Thu Ha", "Arjun Mehta", "Kim Soo-jin", "Xu Tao", "He Yan", "Guo Qiang",
}

var factoryReps = []string{
	"Chen Jing (陈静), QC manager", "Wang Lei (王磊), production manager", "Li Na (李娜), QA supervisor",
	"Nguyen Van An, factory manager", "Zhou Bin (周斌), merchandiser", "Selin Kaya, quality lead",
}

type city struct{ en, zh, country string }

var cities = []city{
	{"Ningbo", "宁波", "Zhejiang, China"}, {"Dongguan", "东莞", "Guangdong, China"}, {"Foshan", "佛山", "Guangdong, China"},
	{"Shenzhen", "深圳", "Guangdong, China"}, {"Yiwu", "义乌", "Zhejiang, China"}, {"Xiamen", "厦门", "Fujian, China"},
	{"Qingdao", "青岛", "Shandong, China"}, {"Suzhou", "苏州", "Jiangsu, China"}, {"Chaozhou", "潮州", "Guangdong, China"},
	{"Jinjiang", "晋江", "Fujian, China"}, {"Binh Duong", "", "Vietnam"}, {"Dong Nai", "", "Vietnam"},
	{"Tiruppur", "", "Tamil Nadu, India"}, {"Dhaka", "", "Bangladesh"}, {"Bursa", "", "Turkey"}, {"Penang", "", "Malaysia"},
}

type trade struct{ en, zh string }

var tradeWords = []trade{
	{"Brightway", "明途"}, {"Everlight", "永光"}, {"Golden Sun", "金阳"}, {"Harmony", "和顺"}, {"Evergreen", "长青"},
	{"Sunrise", "旭日"}, {"Prosper", "兴旺"}, {"Jade River", "玉河"}, {"Silver Bay", "银湾"}, {"Great Wall", "长城"},
	{"Lucky Star", "吉星"}, {"Ocean", "海洋"},
}

var comments = []string{
	"Goods fully produced and packed. Defects reported to the factory; rework of affected units confirmed on site.",
	"Production complete. Factory QC present throughout; defective units segregated and replaced.",
	"Lot inspected as per AQL; shipping marks and labels verified against the PO.",
	"Some cartons were still being packed on arrival; inspection started after packing finished.",
	"Factory asked to improve final cleaning before packing: dust found inside retail boxes.",
	"Measurements within tolerance; function tests passed on all units tested.",
	"工厂已确认返工。Factory confirmed rework of the affected units before shipment.",
}

var recommendations = []string{
	"Release for shipment.", "Release after rework of the defective units.", "Client to decide.",
	"Do not ship: re-inspection required after rework.", "Continue production; re-check at final inspection.",
}
