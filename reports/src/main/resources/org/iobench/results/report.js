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
      var where = spec.bars ? '' : ' at ' + d.point.x.toLocaleString('en-US') + ' connections';
      var interval = d.point.low === null || d.point.low === undefined ? 'no interval'
          : '95% interval [' + format(d.point.low) + ', ' + format(d.point.high) + ']';
      var marks = (d.point.noisy ? '<br>‡ interval wider than ±10%, or disturbed' : '')
          + (d.point.clientBound ? '<br>† client-bound: the driver was the limit' : '');
      return '<b>' + p.seriesName + '</b>' + where + '<br>' + format(d.point.value) + ' (' + interval + ')' + marks;
    };
  }

  // A vertical whisker from low to high with short caps, drawn at the point's x.
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

  // Against connections, each implementation sits a little left or right of the true count (a constant
  // factor on the log axis, the same for its line and whiskers) so that a dozen intervals at one count
  // stay apart; the tooltip gives the true count.
  var DODGE_DECADES = 0.012;
  function dodge(spec, index) {
    return spec.bars ? 1 : Math.pow(10, (index - (spec.series.length - 1) / 2) * DODGE_DECADES);
  }

  function seriesOf(spec) {
    var out = [];
    spec.series.forEach(function (s, index) {
      var shift = dodge(spec, index);
      var values = s.points.map(function (pt) {
        return {
          value: [pt.x * shift, pt.value], point: pt,
          symbol: pt.clientBound ? 'triangle' : 'circle',
          itemStyle: pt.noisy ? { color: '#fff', borderColor: s.colour, borderWidth: 2 } : undefined
        };
      });
      out.push({
        // a bar on a log axis grows from 1, not from the axis' bottom: there, points
        name: s.impl, type: spec.bars ? (spec.scale === 'LOG' ? 'scatter' : 'bar') : 'line', data: values, color: s.colour,
        barGap: '-100%', barMaxWidth: 38, symbolSize: spec.bars ? 12 : 8,
        markLine: spec.referenceLine === null || spec.referenceLine === undefined ? undefined : {
          silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#777' },
          data: [{ yAxis: spec.referenceLine }], label: { show: false }
        }
      });
      // an interval reaching 0 or below has no place on a log axis: its point shows, its whisker not (as in the PNGs)
      var whiskers = s.points.filter(function (pt) {
        return pt.low !== null && pt.low !== undefined && (spec.scale !== 'LOG' || pt.low > 0);
      })
          .map(function (pt) { return [pt.x * shift, pt.low, pt.high]; });
      if (whiskers.length > 0) {
        // encode: both ends of every interval count in the value axis' extent
        out.push({ name: s.impl, type: 'custom', renderItem: whisker, data: whiskers, color: s.colour,
                   encode: { x: 0, y: [1, 2] }, clip: true, silent: true, z: 3, tooltip: { show: false } });
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
      xAxis: spec.bars
          ? { type: 'category', data: spec.ranked, axisLabel: { rotate: 35, interval: 0 } }
          : { type: 'log', name: 'connections', nameLocation: 'middle', nameGap: 30,
              min: function (extent) { return extent.min / 1.5; }, max: function (extent) { return extent.max * 1.5; },
              axisLabel: { formatter: format, showMinLabel: false, showMaxLabel: false }, splitLine: { show: false } },
      // as the PNG charts: absolute figures from 0 (a cut axis exaggerates), ratios around 1, spans of decades on a log axis
      yAxis: { type: spec.scale === 'LOG' ? 'log' : 'value', name: spec.valueTitle, nameLocation: 'middle', nameGap: 65,
               min: spec.scale === 'LINEAR_FROM_ZERO' ? 0 : undefined, scale: spec.scale === 'LINEAR',
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
