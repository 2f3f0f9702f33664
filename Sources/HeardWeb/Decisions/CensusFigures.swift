/// Census 2021 population shares for the demo places and England.
///
/// Source: Office for National Statistics, Census 2021 (England and Wales), published under the Open
/// Government Licence v3.0 (contains public sector information licensed under the OGL). Read from
/// `census2021-wyh.csv` (see its `source` column for where each figure came from). Bases: all usual residents,
/// except unpaid care (aged 5 and over) and main language (aged 3 and over); disability is not age-standardised.
enum CensusFigures {
    static let source = "Census 2021, Office for National Statistics (Open Government Licence v3.0)"

    static let csv = """
        place,characteristic,category,percent
        Bradford,sex,female,51.1
        Bradford,sex,male,48.9
        Bradford,age,0-14,21.4
        Bradford,age,15-24,13.0
        Bradford,age,25-34,13.3
        Bradford,age,35-44,13.5
        Bradford,age,45-54,12.5
        Bradford,age,55-64,11.2
        Bradford,age,65-74,8.5
        Bradford,age,75+,6.7
        Bradford,ethnic group,Asian/Asian British,32.1
        Bradford,ethnic group,Black/Black British/Caribbean/African,2.0
        Bradford,ethnic group,Mixed/multiple,2.7
        Bradford,ethnic group,White,61.1
        Bradford,ethnic group,Other ethnic group,2.0
        Bradford,religion,No religion,28.2
        Bradford,religion,Christian,33.4
        Bradford,religion,Muslim,30.5
        Bradford,religion,Hindu,0.9
        Bradford,religion,Sikh,0.9
        Bradford,religion,Jewish,0.0
        Bradford,religion,Buddhist,0.2
        Bradford,religion,Not answered,5.5
        Bradford,religion,Other religion,0.4
        Bradford,disability,Disabled under the Equality Act,17.1
        Bradford,unpaid care,Provides unpaid care (any hours),8.9
        Bradford,main language,Main language not English,12.4
        Calderdale,sex,female,51.3
        Calderdale,sex,male,48.7
        Calderdale,age,0-14,18.1
        Calderdale,age,15-24,10.5
        Calderdale,age,25-34,12.1
        Calderdale,age,35-44,12.4
        Calderdale,age,45-54,14.3
        Calderdale,age,55-64,13.6
        Calderdale,age,65-74,10.6
        Calderdale,age,75+,8.4
        Calderdale,ethnic group,Asian/Asian British,10.5
        Calderdale,ethnic group,Black/Black British/Caribbean/African,0.7
        Calderdale,ethnic group,Mixed/multiple,1.9
        Calderdale,ethnic group,White,86.1
        Calderdale,ethnic group,Other ethnic group,0.8
        Calderdale,religion,No religion,42.0
        Calderdale,religion,Christian,41.5
        Calderdale,religion,Muslim,9.5
        Calderdale,religion,Hindu,0.6
        Calderdale,religion,Sikh,0.2
        Calderdale,religion,Jewish,0.1
        Calderdale,religion,Buddhist,0.3
        Calderdale,religion,Not answered,5.4
        Calderdale,religion,Other religion,0.5
        Calderdale,disability,Disabled under the Equality Act,18.3
        Calderdale,unpaid care,Provides unpaid care (any hours),9.2
        Calderdale,main language,Main language not English,4.6
        Kirklees,sex,female,51.0
        Kirklees,sex,male,49.0
        Kirklees,age,0-14,18.8
        Kirklees,age,15-24,12.2
        Kirklees,age,25-34,12.7
        Kirklees,age,35-44,12.8
        Kirklees,age,45-54,13.6
        Kirklees,age,55-64,12.3
        Kirklees,age,65-74,9.8
        Kirklees,age,75+,7.9
        Kirklees,ethnic group,Asian/Asian British,19.4
        Kirklees,ethnic group,Black/Black British/Caribbean/African,2.3
        Kirklees,ethnic group,Mixed/multiple,3.1
        Kirklees,ethnic group,White,73.6
        Kirklees,ethnic group,Other ethnic group,1.5
        Kirklees,religion,No religion,34.8
        Kirklees,religion,Christian,39.4
        Kirklees,religion,Muslim,18.5
        Kirklees,religion,Hindu,0.4
        Kirklees,religion,Sikh,0.8
        Kirklees,religion,Jewish,0.0
        Kirklees,religion,Buddhist,0.2
        Kirklees,religion,Not answered,5.5
        Kirklees,religion,Other religion,0.4
        Kirklees,disability,Disabled under the Equality Act,17.4
        Kirklees,unpaid care,Provides unpaid care (any hours),9.1
        Kirklees,main language,Main language not English,7.7
        Leeds,sex,female,51.2
        Leeds,sex,male,48.8
        Leeds,age,0-14,17.8
        Leeds,age,15-24,15.1
        Leeds,age,25-34,14.9
        Leeds,age,35-44,13.3
        Leeds,age,45-54,12.3
        Leeds,age,55-64,10.9
        Leeds,age,65-74,8.4
        Leeds,age,75+,7.2
        Leeds,ethnic group,Asian/Asian British,9.7
        Leeds,ethnic group,Black/Black British/Caribbean/African,5.6
        Leeds,ethnic group,Mixed/multiple,3.4
        Leeds,ethnic group,White,79.0
        Leeds,ethnic group,Other ethnic group,2.3
        Leeds,religion,No religion,40.2
        Leeds,religion,Christian,42.3
        Leeds,religion,Muslim,7.8
        Leeds,religion,Hindu,1.1
        Leeds,religion,Sikh,1.2
        Leeds,religion,Jewish,0.8
        Leeds,religion,Buddhist,0.4
        Leeds,religion,Not answered,5.8
        Leeds,religion,Other religion,0.4
        Leeds,disability,Disabled under the Equality Act,16.7
        Leeds,unpaid care,Provides unpaid care (any hours),8.0
        Leeds,main language,Main language not English,9.1
        Wakefield,sex,female,50.8
        Wakefield,sex,male,49.2
        Wakefield,age,0-14,17.5
        Wakefield,age,15-24,10.1
        Wakefield,age,25-34,13.9
        Wakefield,age,35-44,12.6
        Wakefield,age,45-54,13.9
        Wakefield,age,55-64,13.2
        Wakefield,age,65-74,10.4
        Wakefield,age,75+,8.4
        Wakefield,ethnic group,Asian/Asian British,3.6
        Wakefield,ethnic group,Black/Black British/Caribbean/African,1.3
        Wakefield,ethnic group,Mixed/multiple,1.4
        Wakefield,ethnic group,White,93.0
        Wakefield,ethnic group,Other ethnic group,0.7
        Wakefield,religion,No religion,41.3
        Wakefield,religion,Christian,49.0
        Wakefield,religion,Muslim,3.2
        Wakefield,religion,Hindu,0.4
        Wakefield,religion,Sikh,0.1
        Wakefield,religion,Jewish,0.0
        Wakefield,religion,Buddhist,0.2
        Wakefield,religion,Not answered,5.4
        Wakefield,religion,Other religion,0.4
        Wakefield,disability,Disabled under the Equality Act,20.2
        Wakefield,unpaid care,Provides unpaid care (any hours),9.5
        Wakefield,main language,Main language not English,5.5
        Harrogate,sex,female,51.0
        Harrogate,sex,male,49.0
        Harrogate,age,0-14,15.6
        Harrogate,age,15-24,9.9
        Harrogate,age,25-34,10.2
        Harrogate,age,35-44,11.7
        Harrogate,age,45-54,14.4
        Harrogate,age,55-64,14.8
        Harrogate,age,65-74,12.1
        Harrogate,age,75+,11.3
        Harrogate,ethnic group,Asian/Asian British,1.8
        Harrogate,ethnic group,Black/Black British/Caribbean/African,0.6
        Harrogate,ethnic group,Mixed/multiple,1.6
        Harrogate,ethnic group,White,95.4
        Harrogate,ethnic group,Other ethnic group,0.5
        Harrogate,religion,No religion,36.2
        Harrogate,religion,Christian,55.5
        Harrogate,religion,Muslim,0.6
        Harrogate,religion,Hindu,0.3
        Harrogate,religion,Sikh,0.1
        Harrogate,religion,Jewish,0.2
        Harrogate,religion,Buddhist,0.3
        Harrogate,religion,Not answered,6.3
        Harrogate,religion,Other religion,0.4
        Harrogate,disability,Disabled under the Equality Act,16.0
        Harrogate,unpaid care,Provides unpaid care (any hours),8.4
        Harrogate,main language,Main language not English,3.2
        England,sex,female,51.0
        England,sex,male,49.0
        England,age,0-14,17.4
        England,age,15-24,11.7
        England,age,25-34,13.6
        England,age,35-44,13.1
        England,age,45-54,13.3
        England,age,55-64,12.5
        England,age,65-74,9.8
        England,age,75+,8.6
        England,ethnic group,Asian/Asian British,9.6
        England,ethnic group,Black/Black British/Caribbean/African,4.2
        England,ethnic group,Mixed/multiple,3.0
        England,ethnic group,White,81.0
        England,ethnic group,Other ethnic group,2.2
        England,religion,No religion,36.7
        England,religion,Christian,46.3
        England,religion,Muslim,6.7
        England,religion,Hindu,1.8
        England,religion,Sikh,0.9
        England,religion,Jewish,0.5
        England,religion,Buddhist,0.5
        England,religion,Not answered,6.0
        England,religion,Other religion,0.6
        England,disability,Disabled under the Equality Act,17.3
        England,unpaid care,Provides unpaid care (any hours),8.8
        England,main language,Main language not English,9.2
        """
}
