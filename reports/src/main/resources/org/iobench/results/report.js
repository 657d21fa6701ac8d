// Draws report.html's charts from the JSON in #report-data (written by ReportCharts). The body gets
// data-charts (how many charts there are), data-rendered (how many drew with data) and data-error
// (the first script error): what the headless-browser test and a curious reader check.
(function () {
  'use strict';
  var body = document.body;

  function fail(message) {
    if (!body.hasAttribute('data-error')) body.setAttribute('data-error', String(message));
    var shown = document.getElementById('script-error');
    shown.textContent = 'The charts could not be drawn: ' + message;
    shown.hidden = false;
  }
  window.addEventListener('error', function (e) { fail(e.message || 'script error'); });

  function format(value) {
    if (value === null || value === undefined) return '–';
    var abs = Math.abs(value);
    var digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
    return value.toLocaleString('en-US', { maximumFractionDigits: digits });
  }

  function tooltip(spec) {
    return function (p) {
      var d = p.data;
      if (!d || d.point === undefined) return '';
      var where = spec.bars ? '' : ' at ' + spec.categories[d.point.at] + ' connections';
      var interval = d.point.low === null || d.point.low === undefined ? 'no interval'
          : '95% interval [' + format(d.point.low) + ', ' + format(d.point.high) + ']';
      var marks = (d.point.noisy ? '<br>‡ interval wider than ±10%, or disturbed' : '')
          + (d.point.clientBound ? '<br>† client-bound: the driver was the limit' : '');
      return '<b>' + p.seriesName + '</b>' + where + '<br>' + format(d.point.value) + ' (' + interval + ')' + marks;
    };
  }

  // A vertical whisker from low to high with short caps, drawn at the point's category.
  function whisker(params, api) {
    var low = api.coord([api.value(0), api.value(1)]);
    var high = api.coord([api.value(0), api.value(2)]);
    var cap = 5;
    var style = { stroke: api.visual('color'), lineWidth: 1.5 };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
        { type: 'line', shape: { x1: low[0] - cap, y1: low[1], x2: low[0] + cap, y2: low[1] }, style: style },
        { type: 'line', shape: { x1: high[0] - cap, y1: high[1], x2: high[0] + cap, y2: high[1] }, style: style }
      ]
    };
  }

  function seriesOf(spec) {
    var out = [];
    spec.series.forEach(function (s) {
      var values = spec.categories.map(function () { return null; });
      s.points.forEach(function (pt) {
        values[pt.at] = {
          value: pt.value, point: pt,
          symbol: pt.clientBound ? 'triangle' : 'circle',
          itemStyle: pt.noisy ? { color: '#fff', borderColor: s.colour, borderWidth: 2 } : undefined
        };
      });
      out.push({
        // a bar on a log axis grows from 1, not from the axis' bottom: there, points
        name: s.impl, type: spec.bars ? (spec.logScale ? 'scatter' : 'bar') : 'line', data: values, color: s.colour,
        barGap: '-100%', barMaxWidth: 38, symbolSize: spec.bars ? 12 : 8, connectNulls: true,
        markLine: spec.referenceLine === null || spec.referenceLine === undefined ? undefined : {
          silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#777' },
          data: [{ yAxis: spec.referenceLine }], label: { show: false }
        }
      });
      var whiskers = s.points.filter(function (pt) { return pt.low !== null && pt.low !== undefined; })
          .map(function (pt) { return [pt.at, pt.low, pt.high]; });
      if (whiskers.length > 0) {
        // encode: both ends of every interval count in the value axis' extent
        out.push({ name: s.impl, type: 'custom', renderItem: whisker, data: whiskers, color: s.colour,
                   encode: { x: 0, y: [1, 2] }, silent: true, z: 3, tooltip: { show: false } });
      }
    });
    return out;
  }

  function option(spec) {
    return {
      animation: false,
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'item', formatter: tooltip(spec) },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 40 },
      grid: { left: 90, right: 190, top: 50, bottom: spec.bars ? 110 : 60 },
      xAxis: { type: 'category', data: spec.categories, name: spec.categoryTitle, nameLocation: 'middle', nameGap: 30,
               axisLabel: { rotate: spec.bars ? 35 : 0, interval: 0 } },
      yAxis: { type: spec.logScale ? 'log' : 'value', name: spec.valueTitle, nameLocation: 'middle', nameGap: 65,
               scale: spec.referenceLine !== null && spec.referenceLine !== undefined,
               axisLabel: { formatter: format } },
      series: seriesOf(spec)
    };
  }

  var specs = [];
  var rendered = 0;
  try {
    specs = JSON.parse(document.getElementById('report-data').textContent);
    body.setAttribute('data-charts', String(specs.length));
    if (typeof echarts === 'undefined') throw new Error('the chart library did not load (assets/echarts-*.min.js in the folder above the run folder)');
    var container = document.getElementById('charts');
    var lastPanel = null;
    specs.forEach(function (spec) {
      if (spec.panel !== lastPanel) {
        var heading = document.createElement('h3');
        heading.textContent = spec.panel;
        container.appendChild(heading);
        lastPanel = spec.panel;
      }
      var div = document.createElement('div');
      div.className = 'chart';
      div.id = 'chart-' + spec.id;
      container.appendChild(div);
      var chart = echarts.init(div, null, { renderer: 'svg' });
      chart.setOption(option(spec));
      var points = spec.series.reduce(function (n, s) { return n + s.points.length; }, 0);
      // drawn means: the library produced shapes for this chart and it had data to draw
      if (points > 0 && div.querySelectorAll('svg path').length > 0) {
        rendered += 1;
        div.setAttribute('data-points', String(points));
      }
    });
    window.addEventListener('resize', function () {
      specs.forEach(function (spec) { echarts.getInstanceByDom(document.getElementById('chart-' + spec.id)).resize(); });
    });
  } catch (e) {
    fail(e && e.message ? e.message : e);
  }
  body.setAttribute('data-rendered', String(rendered));
})();
